import { z } from '@hono/zod-openapi';
import { errorBodySchema, unavailableResponse, idParam } from '../../openapi-schemas.js';

export const portalBase = '/public/api/v1/portal/{account_id}';

export const portalParams = z.object({
  account_id: idParam.openapi({ param: { name: 'account_id', in: 'path' }, description: "The account whose portal this is", example: 1 }),
});

export const portalConversationParams = portalParams.extend({
  conversation_id: idParam.openapi({ param: { name: 'conversation_id', in: 'path' }, description: "The conversation's display id" }),
});

export const securityGuestCookie: Array<Record<string, string[]>> = [{ guestSessionCookie: [] }];

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

export const portalErrorResponses = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in to this portal, or the access was revoked or has expired'),
  403: errorResponse('A write without the X-Requested-With header'),
  404: errorResponse('No such conversation, or not one given to this guest'),
  422: errorResponse('A field is invalid; `error.field` names it'),
  429: errorResponse('Too many requests; see Retry-After'),
  503: unavailableResponse,
} as const;

export const portalSchema = z
  .object({ account: z.object({ id: z.number().int(), name: z.string(), locale: z.string() }) })
  .openapi('Portal');

export const guestProfileSchema = portalSchema
  .extend({
    guest: z.object({ id: z.number().int(), email: z.string() }),
    conversations: z.array(
      z.object({
        id: z.number().int().openapi({ description: "The conversation's display id" }),
        number: z.number().int().openapi({ description: 'Its place in the guest\'s list: "Conversation 1", "Conversation 2"…' }),
        status: z.string(),
        given_at: z.number().int(),
      }),
    ),
  })
  .openapi('GuestProfile');

export const guestDocumentSchema = z
  .object({
    id: z.number().int(),
    message_id: z.number().int(),
    file_name: z.string(),
    file_type: z.string(),
    file_size: z.number().int(),
    data_url: z.string(),
    shared_by: z.object({ type: z.string().nullable(), name: z.string(), is_you: z.boolean() }),
    created_at: z.number().int(),
  })
  .openapi('GuestDocument');
