import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { notFound } from '../core/errors.js';

/**
 * Text Postgres cannot store: U+0000 (in text or jsonb), and an unpaired UTF-16 surrogate (which
 * JSON may spell as an escape such as "\ud800"; jsonb refuses it). A request carrying either could
 * only fail at the query, a 500 after whatever ran before it. The validation hook (api/app.ts)
 * refuses it in what a route's schemas accepted, naming the field; a path carrying a NUL names no
 * row (below).
 */
export const unstorableTextMessage = 'Text may not contain the NUL character (\\u0000) or an unpaired surrogate (not well-formed Unicode)';

const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();

/** The first place in a validated value where a string (or a key) holds unstorable text, as a field path ('' for the value itself); undefined when none does. */
export function fieldWithUnstorableText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path.join('.') : undefined;
  if (!value || typeof value !== 'object' || value instanceof Date) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, key];
    if (unstorable(key)) return here.join('.');
    const found = fieldWithUnstorableText(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A path with an encoded NUL (`%00`) matches no row: 404 before any handler or query. */
export const refuseNulInPath: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/%00/i.test(new URL(c.req.url).pathname)) throw notFound('Resource');
  return next();
};
