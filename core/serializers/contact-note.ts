import { z } from '@hono/zod-openapi';
import type { ContactNoteRow } from '../../db/queries/contact-notes.js';
import { unixSeconds } from './time.js';

/** Chatwoot's note: content is Markdown as written; the console renders it sanitised. */
export const contactNoteSchema = z
  .object({
    id: z.number().int(),
    content: z.string(),
    account_id: z.number().int(),
    contact_id: z.number().int(),
    user: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
    created_at: z.number().int().nullable(),
    updated_at: z.number().int().nullable(),
  })
  .openapi('ContactNote');

export function serializeContactNote(row: ContactNoteRow): z.infer<typeof contactNoteSchema> {
  return {
    id: row.id,
    content: row.content,
    account_id: row.accountId,
    contact_id: row.contactId,
    user: row.author,
    created_at: unixSeconds(row.createdAt),
    updated_at: unixSeconds(row.updatedAt),
  };
}
