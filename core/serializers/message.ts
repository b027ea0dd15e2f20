import { z } from '@hono/zod-openapi';
import { lifecycleIdempotencyPrefix } from '../../workflows/conversation/definitions.js';
import { messageStatuses, messageTypes, type attachments, type messages } from '../../db/schema/index.js';
import type { AttachmentRow } from '../../db/queries/messages.js';
import { unixSeconds } from './time.js';
import { orNull } from './nullable.js';

export const attachmentSchema = z
  .object({
    id: z.number().int(),
    message_id: z.number().int(),
    file_type: z.enum(['image', 'audio', 'video', 'file']),
    account_id: z.number().int(),
    extension: z.string().nullable(),
    file_name: z.string(),
    content_type: z.string(),
    data_url: z.string(),
    thumb_url: z.string(),
    file_size: z.number().int(),
  })
  .openapi('Attachment');

export const messageSenderSchema = z
  .object({ id: z.number().int(), name: z.string(), type: z.enum(['user', 'contact', 'agent_bot', 'guest']), thumbnail: z.string() })
  .openapi('MessageSender');

export const messageSchema = z
  .object({
    id: z.number().int(),
    content: z.string().nullable(),
    account_id: z.number().int(),
    inbox_id: z.number().int(),
    conversation_id: z.number().int().openapi({ description: "The conversation's display id" }),
    message_type: z.number().int().openapi({ description: '0 incoming, 1 outgoing, 2 activity, 3 template (as Chatwoot)' }),
    content_type: z.string(),
    content_attributes: z.record(z.string(), z.unknown()),
    status: z.enum(messageStatuses).openapi({
      description:
        'Delivery: `scheduled` waits out the send-interruption window (until `send_after`) and may be interrupted; `queued` is on its way; then `sent` (→ `delivered` / `read` where the channel reports it), `failed` with `external_error`, or `interrupted` (never sent)',
    }),
    send_after: z.number().int().nullable().openapi({ description: 'Unix seconds: when a `scheduled` message leaves (the end of its window)' }),
    private: z.boolean(),
    source_id: z.string().nullable(),
    echo_id: z.string().nullable(),
    external_error: z.string().nullable(),
    sender_type: z.string().nullable(),
    sender_id: z.number().int().nullable(),
    sender: orNull(messageSenderSchema),
    attachments: z.array(attachmentSchema),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi('Message');

export type MessageJson = z.infer<typeof messageSchema>;
export type MessageSender = z.infer<typeof messageSenderSchema>;

export const messageTypeNumber = (type: (typeof messageTypes)[number]) => messageTypes.indexOf(type);

export function attachmentUrl(row: Pick<typeof attachments.$inferSelect, 'id' | 'accessKey' | 'fileName'>): string {
  return `/api/attachments/${row.id}/${row.accessKey}/${encodeURIComponent(row.fileName)}`;
}

export function serializeAttachment(row: AttachmentRow): z.infer<typeof attachmentSchema> {
  const dot = row.fileName.lastIndexOf('.');
  const url = attachmentUrl(row);
  return {
    id: row.id,
    message_id: row.messageId,
    file_type: row.fileType,
    account_id: row.accountId,
    extension: dot > 0 ? row.fileName.slice(dot + 1).toLowerCase() : null,
    file_name: row.fileName,
    content_type: row.contentType,
    data_url: url,
    thumb_url: row.fileType === 'image' ? url : '',
    file_size: row.byteSize,
  };
}

export function serializeMessage(
  row: typeof messages.$inferSelect,
  extras: { conversationDisplayId: number; sender: MessageSender | null; attachments: Array<AttachmentRow> },
): MessageJson {
  return {
    id: row.id,
    content: row.content,
    account_id: row.accountId,
    inbox_id: row.inboxId,
    conversation_id: extras.conversationDisplayId,
    message_type: messageTypeNumber(row.messageType),
    content_type: row.contentType,
    content_attributes: row.contentAttributes,
    status: row.status,
    send_after: unixSeconds(row.sendAfter),
    private: row.private,
    source_id: row.sourceId,
    echo_id: row.echoId && !row.echoId.startsWith(lifecycleIdempotencyPrefix) ? row.echoId : null,
    external_error: row.externalError,
    sender_type: row.senderType,
    sender_id: row.senderId,
    sender: extras.sender,
    attachments: extras.attachments.map(serializeAttachment),
    created_at: unixSeconds(row.createdAt)!,
    updated_at: unixSeconds(row.updatedAt)!,
  };
}
