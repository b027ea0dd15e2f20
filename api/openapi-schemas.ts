import { z, type RouteConfig } from '@hono/zod-openapi';

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

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

export const accountParams = z.object({
  account_id: z.coerce.number().int().positive().openapi({ param: { name: 'account_id', in: 'path' }, example: 1 }),
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
