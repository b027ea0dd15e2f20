import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { checkReadiness } from '../../../core/services/health/readiness.js';

const dependencyCheckSchema = z.object({ ok: z.boolean(), error: z.string().optional() });
const readinessSchema = z
  .object({ ready: z.boolean(), checks: z.record(z.string(), dependencyCheckSchema).openapi({ description: 'One entry per dependency: database, temporal' }) })
  .openapi('Readiness');

const route = createRoute({
  method: 'get',
  path: '/api/ready',
  ...requires('public'),
  tags: ['Health'],
  summary: "Readiness: whether this API process can serve (Postgres and Temporal answer); a load balancer's probe",
  description: 'Liveness is `GET /api/health` (the process answers). Readiness fails while a dependency is down, so a balancer stops sending traffic without restarting the process.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: readinessSchema } } },
    503: {
      description: 'Not ready: `checks` names the dependency that failed',
      content: { 'application/json': { schema: readinessSchema } },
      headers: { 'Retry-After': { schema: { type: 'integer' as const }, description: 'Seconds before asking again' } },
    },
  },
});

export function registerReadiness(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const readiness = await checkReadiness(c.var.deps);
    if (readiness.ready) return c.json(readiness, 200);
    c.header('Retry-After', '5');
    return c.json(readiness, 503);
  });
}
