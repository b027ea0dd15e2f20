import { z } from '@hono/zod-openapi';
import { accountParams, idParam } from '../../openapi-schemas.js';
import { orNull } from '../../../core/serializers/nullable.js';

export const directAttachmentSchema = z
  .object({ id: z.number().int(), file_name: z.string(), file_type: z.string(), content_type: z.string(), file_size: z.number().int(), data_url: z.string() })
  .openapi('DirectAttachment');

export const directMessageSchema = z
  .object({
    id: z.number().int(),
    conversation_id: z.number().int(),
    content: z.string().nullable(),
    echo_id: z.string().nullable(),
    sender: z.object({ id: z.number().int(), name: z.string(), type: z.literal('user') }).nullable(),
    attachments: z.array(directAttachmentSchema),
    created_at: z.number().int(),
  })
  .openapi('DirectMessage');

export const directConversationSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    participants: z.array(z.object({ id: z.number().int(), name: z.string(), email: z.string() })),
    unread_count: z.number().int().openapi({ description: "Others' messages after the caller's last read" }),
    last_message: orNull(directMessageSchema),
    created_by_id: z.number().int().nullable(),
    created_at: z.number().int(),
    last_activity_at: z.number().int(),
  })
  .openapi('DirectConversation');

export const directConversationParams = accountParams.extend({
  direct_conversation_id: idParam.openapi({ param: { name: 'direct_conversation_id', in: 'path' } }),
});

export const userIdsSchema = z.array(idParam).min(1).max(50);
