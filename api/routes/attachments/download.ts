import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { attachmentBlobs, attachments } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { notFound } from '../../../core/errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/attachments/{attachment_id}/{access_key}/{file_name}',
  tags: ['Attachments'],
  summary: 'Download a file; the URL (from a message) carries an unguessable key',
  request: {
    params: z.object({
      attachment_id: z.coerce.number().int().positive().openapi({ param: { name: 'attachment_id', in: 'path' } }),
      access_key: z.string().min(20).max(100).openapi({ param: { name: 'access_key', in: 'path' } }),
      file_name: z.string().max(300).openapi({ param: { name: 'file_name', in: 'path' } }),
    }),
  },
  responses: { 200: { description: 'The file' }, 404: { description: 'No such file' } },
});

export function registerDownloadAttachment(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { attachment_id, access_key } = c.req.valid('param');
    const [row] = await c.var.deps.db
      .select({ contentType: attachments.contentType, fileName: attachments.fileName, fileType: attachments.fileType, data: attachmentBlobs.data })
      .from(attachments)
      .innerJoin(attachmentBlobs, eq(attachmentBlobs.attachmentId, attachments.id))
      .where(and(eq(attachments.id, attachment_id), eq(attachments.accessKey, access_key)));
    if (!row) throw notFound('Attachment');
    // Images display inline; everything else downloads, and nothing is ever sniffed into HTML.
    const disposition = row.fileType === 'image' ? 'inline' : 'attachment';
    return c.body(new Uint8Array(row.data), 200, {
      'content-type': row.contentType,
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable',
    });
  });
}
