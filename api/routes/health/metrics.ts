import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { ApiError, unauthenticated } from '../../../core/errors.js';

const route = createRoute({
  method: 'get',
  path: '/metrics',
  ...requires('public'),
  tags: ['Health'],
  summary: "Prometheus metrics of this API process (request latency by route, live events sent, open streams, Node's process metrics)",
  description: 'Served only when METRICS_TOKEN is set, to a scraper sending `Authorization: Bearer <METRICS_TOKEN>`. Not proxied by the console: scrape the API port.',
  security: [{ metricsBearer: [] }],
  responses: {
    200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } },
    401: { description: 'Missing or wrong bearer token' },
    404: { description: 'Metrics are not enabled (METRICS_TOKEN unset)' },
  },
});

const digest = (value: string) => createHash('sha256').update(value).digest();

export function registerMetrics(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'metricsBearer', { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' });
  app.openapi(route, async (c) => {
    const expected = c.var.deps.config.metricsToken;
    if (!expected) throw new ApiError('NOT_FOUND', 'Metrics are not enabled on this server (METRICS_TOKEN is unset)');
    const presented = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    // Digests have equal lengths, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(presented), digest(expected))) throw unauthenticated('Send Authorization: Bearer <METRICS_TOKEN>');
    const registry = c.var.metrics.registry;
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}
