import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { notFound } from '../core/errors.js';

/**
 * Postgres stores no U+0000 in text or jsonb, so a request carrying one could only fail at the
 * query (a 500, after whatever ran before it). The validation hook (api/app.ts) refuses it in what
 * a route's schemas accepted, naming the field; a path carrying one names no row (below).
 */
export const nulMessage = 'Text may not contain the NUL character (\\u0000)';

/** The first place in a validated value where a string (or a key) holds U+0000, as a field path ('' for the value itself); undefined when none does. */
export function fieldWithNul(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (!value || typeof value !== 'object' || value instanceof Date) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, key];
    if (key.includes('\u0000')) return here.join('.');
    const found = fieldWithNul(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A path with an encoded NUL (`%00`) matches no row: 404 before any handler or query. */
export const refuseNulInPath: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/%00/i.test(new URL(c.req.url).pathname)) throw notFound('Resource');
  return next();
};
