import { z } from '@hono/zod-openapi';
import { messageSchema } from '../../../core/serializers/message.js';
import { conversationParams } from '../conversations/params.js';
import { idParam } from '../../openapi-schemas.js';

export const guestAccessSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    status: z.enum(['active', 'revoked']),
    created_by: z.object({ id: z.number().int(), name: z.string() }).nullable().openapi({ description: 'The agent who gave the access' }),
    created_at: z.number().int(),
    last_sign_in_at: z.number().int().nullable().openapi({ description: "The guest's last sign-in to the portal" }),
    revoked_at: z.number().int().nullable(),
  })
  .openapi('GuestAccess');

export const guestAccessMailedSchema = guestAccessSchema.extend({ email_sent: z.boolean() }).openapi('GuestAccessMailed');

export const createdGuestAccessSchema = guestAccessMailedSchema
  .extend({
    portal_url: z.string().openapi({ description: 'Where the guest signs in' }),
    generated_password: z.string().nullable().openapi({ description: 'Only when no password was sent: the one Parley made, shown this once' }),
    message: messageSchema.openapi({ description: 'The first message, posted in the conversation' }),
  })
  .openapi('CreatedGuestAccess');

export const guestAccessParams = conversationParams.extend({
  access_id: idParam.openapi({ param: { name: 'access_id', in: 'path' } }),
});
