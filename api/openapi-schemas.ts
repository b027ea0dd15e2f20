import { z, type RouteConfig } from '@hono/zod-openapi';
import { maxDatabaseId } from '../core/domain/ids.js';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string().openapi({ example: 'content: Required' }),
      field: z.string().optional().openapi({ example: 'content' }),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

/**
 * Temporal or Postgres unreachable, or past its deadline (`core/unavailable.ts`, mapped in `api/app.ts`):
 * any route that reaches either can answer it. Shared by the authenticated and the public responses.
 */
export const unavailableResponse = {
  ...errorResponse('Temporal or Postgres did not answer in time; retry after `Retry-After` seconds (a status change that timed out stays queued and is still applied)'),
  headers: { 'Retry-After': { schema: { type: 'integer' as const }, description: 'Seconds to wait before retrying' } },
};

/** The error responses every authenticated route can give; spread into `responses`. */
export const standardErrorResponses = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Not allowed'),
  404: errorResponse('Not found, or not visible to you'),
  422: errorResponse('A field is invalid; `error.field` names it'),
  429: errorResponse('Too many requests for this token or session (or open streams); see Retry-After'),
  503: unavailableResponse,
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/**
 * A JSON request body. Required only when an empty body would be refused: a PATCH whose fields are
 * all optional takes no body at all, and the document says so rather than promising a refusal.
 */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: !schema.safeParse({}).success,
});

/** A row id in a path or query string (Postgres `integer`, see core/domain/ids.ts); out of range answers 422 naming it. */
export const idParam = z.coerce.number().int().min(1).max(maxDatabaseId);

/** A row id in a JSON body. */
export const idField = z.number().int().min(1).max(maxDatabaseId);

/**
 * An e-mail address. The document carries zod's own pattern (surrounding blanks allowed: they are
 * trimmed), so what it calls valid is exactly what the validator takes; `format: email` alone is
 * RFC 5322's, which admits addresses zod refuses.
 */
export const emailPattern = z.regexes.email.source.replace(/^\^/, '^\\s*').replace(/\$$/, '\\s*$');
export const emailAddress = z.string().trim().max(320).email().openapi({ pattern: emailPattern });

export const accountParams = z.object({
  account_id: idParam.openapi({ param: { name: 'account_id', in: 'path' }, example: 1 }),
});

export const securityUserToken: Array<Record<string, string[]>> = [{ userApiKey: [] }, { sessionCookie: [] }];

/**
 * A request body schema written as plain OpenAPI rather than zod. For multipart uploads only: a zod
 * form schema makes the router buffer the whole body to validate it, while uploads must stream.
 */
export type PlainBodySchema = Exclude<Extract<NonNullable<NonNullable<RouteConfig['request']>['body']>['content'][string], { schema?: unknown }>['schema'], z.ZodType | undefined>;

/**
 * The validated JSON body of a route whose other media type has a PlainBodySchema: the router still
 * validates the JSON with its zod schema, but its types lose track of it once one schema is plain.
 */
export function validatedJson<T>(request: { valid: (target: never) => unknown }): T {
  return (request.valid as (target: 'json') => unknown)('json') as T;
}

/**
 * One condition of Chatwoot's filter payload. Only the shape is checked here; which attributes and
 * operators go together is the filter compiler's job (core/domain/filters.ts), which names the field.
 */
export const filterConditionSchema = z
  .object({
    attribute_key: z.string().min(1).max(64).openapi({ example: 'email' }),
    filter_operator: z.string().min(1).max(32).openapi({ example: 'contains', description: 'equal_to, not_equal_to, contains, does_not_contain, is_present, is_not_present, is_greater_than, is_less_than, days_before' }),
    values: z.unknown().optional().openapi({ example: ['example.com'] }),
    query_operator: z.enum(['and', 'or', 'AND', 'OR']).nullable().optional().openapi({ description: 'Joins this condition to the next; AND binds tighter than OR' }),
    custom_attribute_type: z.string().max(32).nullable().optional().openapi({ description: 'For a custom attribute: its type (text, number, currency, percent, link, date, list, checkbox)' }),
  })
  .openapi('FilterCondition');

export const filterPayloadSchema = z.object({ payload: z.array(filterConditionSchema).min(1).max(20) }).openapi('FilterPayload');

/**
 * One event of a `text/event-stream` response. Under OpenAPI 3.1 a stream's `schema` describes each
 * event (3.2 names it `itemSchema`): `data` is the event's JSON payload as text.
 */
export const serverSentEventSchema = z
  .object({
    event: z.string().optional().openapi({ example: 'message.created', description: 'The event name; `ready` first, then the account or conversation events' }),
    data: z.string().openapi({ description: 'The event payload, JSON' }),
    id: z.string().optional(),
    retry: z.number().int().optional().openapi({ description: 'Milliseconds the client waits before reconnecting' }),
  })
  .openapi('ServerSentEvent');
