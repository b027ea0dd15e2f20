import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorBodySchema, unavailableResponse, idParam, emailAddress } from '../../openapi-schemas.js';
import type { VisitorFacts } from '../../../core/services/public/contacts.js';

export const inboxParams = z.object({
  inbox_identifier: z.string().min(1).max(200).openapi({ param: { name: 'inbox_identifier', in: 'path' }, description: "The inbox's public identifier (website token)" }),
});

export const contactParams = inboxParams.extend({
  contact_identifier: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'contact_identifier', in: 'path' }, description: 'The source_id returned when the contact was created' }),
});

export const conversationParams = contactParams.extend({
  conversation_id: idParam.openapi({ param: { name: 'conversation_id', in: 'path' }, description: "The conversation's display id", example: 1 }),
});

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

/** The errors every public route can give; there is no sign-in, so no 403. */
export const publicErrorResponses = {
  400: errorResponse('Malformed request'),
  404: errorResponse('No such inbox, contact or conversation, or not this visitor’s'),
  422: errorResponse('A field is invalid; `error.field` names it'),
  429: errorResponse('Too many requests from this address; see Retry-After'),
  503: unavailableResponse,
} as const;

const customAttributes = z
  .record(z.string().min(1).max(100), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 50, 'At most 50 custom attributes')
  .openapi({ example: { plan: 'pro' } });

/** Create and update take the same fields; identity validation follows Chatwoot's setUser. */
export const contactBodySchema = z
  .object({
    name: z.string().trim().max(255).optional(),
    email: emailAddress.nullable().optional(),
    phone_number: z
      .string()
      .trim()
      .max(32)
      .regex(/^\+?[0-9][0-9 ().-]{3,30}$/, 'Use an international phone number, e.g. +55 11 91234-5678')
      .nullable()
      .optional(),
    custom_attributes: customAttributes.optional(),
    identifier: z.string().trim().min(1).max(255).optional().openapi({ description: "Your system's id for this person" }),
    identifier_hash: z
      .string()
      .trim()
      .max(128)
      .optional()
      .openapi({ description: 'HMAC-SHA256 (hex) of `identifier` with the inbox secret; only a valid one joins the visitor to the contact with that identifier' }),
  })
  .openapi('PublicContactRequest');

/** The contact routes also answer 401 when the inbox requires identity validation and the hash is missing or wrong. */
export const contactErrorResponses = {
  ...publicErrorResponses,
  401: errorResponse('`identifier_hash` is missing or wrong and the inbox requires identity validation'),
} as const;

export const createConversationBodySchema = z
  .object({
    custom_attributes: customAttributes.optional(),
    referer_url: z.string().max(2000).optional().openapi({ description: 'The page the visitor is on (the widget sends its host page); defaults to the Referer header' }),
  })
  .openapi('PublicConversationCreateRequest');

/** Stored phone numbers keep only the digits and a leading +, so "+55 (11) 9…" and "+5511 9…" match. */
export const normalizePhone = (value: string | null | undefined) => (value ? value.replace(/[\s().-]/g, '') : value);

/** The visitor's browser language and page, as Chatwoot records them on widget conversations. */
export function visitorFacts(c: Context, refererOverride?: string): VisitorFacts {
  const language = c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  const referer = refererOverride || c.req.header('referer');
  return {
    browserLanguage: language ? language.slice(0, 35) : undefined,
    referer: referer ? referer.slice(0, 2000) : undefined,
  };
}
