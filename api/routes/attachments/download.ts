import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, idParam, unavailableResponse } from '../../openapi-schemas.js';
import { openAttachmentDownload } from '../../../core/services/attachments/download.js';

const route = createRoute({
  method: 'get',
  path: '/api/attachments/{attachment_id}/{access_key}/{file_name}',
  ...requires('public'),
  tags: ['Attachments'],
  summary: 'Download a file; the URL (from a message) carries an unguessable key. Honours one `Range: bytes=a-b`.',
  request: {
    params: z.object({
      attachment_id: idParam.openapi({ param: { name: 'attachment_id', in: 'path' } }),
      access_key: z.string().min(20).max(100).openapi({ param: { name: 'access_key', in: 'path' } }),
      file_name: z.string().max(300).openapi({ param: { name: 'file_name', in: 'path' } }),
    }),
    headers: z.object({ range: z.string().optional().openapi({ description: 'bytes=a-b, bytes=a- or bytes=-n' }) }),
  },
  responses: {
    200: { description: 'The file' },
    206: { description: 'The requested part of the file (Content-Range)' },
    404: { description: 'No such file' },
    416: { description: 'The range starts past the end of the file' },
    422: { content: { 'application/json': { schema: errorBodySchema } }, description: 'A path parameter is malformed (an id that is not a whole number in range, a file name over 300 characters); `error.field` names it' },
    503: unavailableResponse,
  },
});

export function registerDownloadAttachment(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { attachment_id, access_key } = c.req.valid('param');
    const download = await openAttachmentDownload(c.var.deps, { attachmentId: attachment_id, accessKey: access_key, range: c.req.header('range') });
    if (download.status === 416) {
      return c.body(null, 416, { 'content-range': `bytes */${download.byteSize}`, 'accept-ranges': 'bytes' });
    }
    const { file, range } = download;
    // Images display inline; everything else downloads, and nothing is ever sniffed into HTML.
    const disposition = file.fileType === 'image' ? 'inline' : 'attachment';
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'content-length': String(range.end - range.start + 1),
      'accept-ranges': 'bytes',
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable',
    };
    if (download.status === 206) headers['content-range'] = `bytes ${range.start}-${range.end}/${file.byteSize}`;
    return c.body(Readable.toWeb(download.body) as ReadableStream<Uint8Array>, download.status, headers);
  });
}
