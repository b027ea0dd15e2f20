import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.js';
import type { ErrorBody } from '../core/errors.js';

/** A Hono route pattern (`/teams/:team_id`, `:name{regex}`, `*`) as an anchored regular expression. */
const patternRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('/')
      .map((segment) => (segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}/?$`,
  );

/**
 * An unknown method on a known path answers 405 with `Allow` (RFC 9110 §15.5.6) instead of 404, so
 * a client learns the path exists and what it takes. Installed after every route is registered:
 * it reads the app's route table, which only then is complete.
 */
export function answerUnknownMethods(app: OpenAPIHono<AppEnv>) {
  const byPattern = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const methods = byPattern.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    // Hono answers HEAD from the GET handler.
    if (route.method === 'GET') methods.add('HEAD');
    byPattern.set(route.path, methods);
  }
  const patterns = [...byPattern].map(([pattern, methods]) => ({ regex: patternRegex(pattern), methods }));
  app.notFound((c) => {
    const allowed = new Set<string>();
    for (const { regex, methods } of patterns) if (regex.test(c.req.path)) for (const method of methods) allowed.add(method);
    if (allowed.size > 0 && !allowed.has(c.req.method)) {
      c.header('Allow', [...allowed].sort().join(', '));
      return c.json({ error: { code: 'METHOD_NOT_ALLOWED', message: `${c.req.method} is not allowed here; Allow: ${[...allowed].sort().join(', ')}`, requestId: c.var.requestId } } satisfies ErrorBody, 405);
    }
    return c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}`, requestId: c.var.requestId } } satisfies ErrorBody, 404);
  });
}
