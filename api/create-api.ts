import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { newApp } from './app.js';
import type { AppDependencies } from '../core/context.js';
import type { AppEnv } from './env.js';
import { ApiError } from '../core/errors.js';
import { maxRequestBytes } from './limits.js';
import { registerRoutes } from './routes/index.js';
import { ApiMetrics } from './metrics.js';
import { jsonContent } from './openapi-schemas.js';
import { requires } from './route-access.js';
import { refuseNulInPath } from './unstorable-text.js';
import { answerUnknownMethods } from './method-not-allowed.js';


export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Parley API',
    version: '1.0.0',
    description:
      "Parley's REST API. Paths under /api/v1/accounts/{account_id} follow Chatwoot's Application API v1, so Chatwoot clients work unchanged; /public/api/v1 follows Chatwoot's public client API. A method a path does not take answers 405 with an `Allow` header listing those it does.",
  },
} as const;

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  ...requires('public'),
  tags: ['Health'],
  summary: 'Whether the API process answers (it touches neither Postgres nor Temporal)',
  responses: { 200: jsonContent(z.object({ ok: z.literal(true) }).openapi('Health'), 'The process is up') },
});

/** The whole HTTP API: routes, the OpenAPI document generated from their zod schemas, and its reference page. */
export function createApi(deps: AppDependencies, metrics = new ApiMetrics()): OpenAPIHono<AppEnv> {
  const app = newApp(deps);
  app.use('*', async (c, next) => {
    c.set('metrics', metrics);
    await next();
  });
  app.use('*', metrics.timeRequests());
  const limitBody = bodyLimit({
    maxSize: maxRequestBytes,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE', `Requests are limited to ${maxRequestBytes / 1024 / 1024} MiB`);
    },
  });
  app.use('*', async (c, next) => {
    // bodyLimit buffers a body sent without Content-Length to count it; multipart bodies stream to
    // storage instead and are counted as they arrive (routes/multipart.ts). With a Content-Length it
    // only compares the header, so an oversized upload is still refused before it is read.
    const streamed = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data') && !c.req.header('content-length');
    return streamed ? next() : limitBody(c, next);
  });
  app.use('*', refuseNulInPath);
  app.openAPIRegistry.registerComponent('securitySchemes', 'userApiKey', { type: 'apiKey', in: 'header', name: 'api_access_token' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'parley_session' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'guestSessionCookie', { type: 'apiKey', in: 'cookie', name: 'parley_guest_session' });
  registerRoutes(app);
  app.doc31('/api/openapi.json', openApiInfo);
  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));
  answerUnknownMethods(app, app.getOpenAPI31Document(openApiInfo) as never);
  return app;
}
