import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { ApiError, invalid, notFound } from '../core/errors.js';

/** The first place in a JSON value where a string (or a key) holds U+0000, as a field path; undefined when none does. */
export function fieldWithNul(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : undefined;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, key];
    if (key.includes('\u0000')) return here.join('.');
    const found = fieldWithNul(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

const nulMessage = 'Text may not contain the NUL character (\\u0000)';

/**
 * Postgres stores no U+0000 in text or jsonb, so a request carrying one could only fail at the
 * query (a 500, after whatever ran before it). It is refused before any handler runs instead: 422
 * naming the JSON field or query parameter, 404 for a path (no row has such a name).
 */
export const refuseNul: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/%00/i.test(new URL(c.req.url).pathname)) throw notFound('Resource');
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (name.includes('\u0000') || values.some((value) => value.includes('\u0000'))) throw invalid(name, `${name}: ${nulMessage}`);
  }
  if ((c.req.header('content-type') ?? '').toLowerCase().includes('json')) {
    // Hono keeps the parsed body, so the route's validator reads it again without a second read of the stream.
    const body = await c.req.json().catch(() => undefined);
    const field = fieldWithNul(body);
    if (field !== undefined) throw field === '(body)' ? new ApiError('VALIDATION_FAILED', nulMessage) : invalid(field, `${field}: ${nulMessage}`);
  }
  return next();
};
