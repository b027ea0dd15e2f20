import { z } from '@hono/zod-openapi';
import type { cannedResponses } from '../../db/schema/index.js';

/** Chatwoot's canned response shape. */
export const cannedResponseSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    short_code: z.string(),
    content: z.string().openapi({ description: 'Markdown; {{variables}} are filled when inserted' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('CannedResponse');

export type CannedResponseJson = z.infer<typeof cannedResponseSchema>;

export const serializeCannedResponse = (row: typeof cannedResponses.$inferSelect): CannedResponseJson => ({
  id: row.id,
  account_id: row.accountId,
  short_code: row.shortCode,
  content: row.content,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});
