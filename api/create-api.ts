import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { newApp } from './app.js';
import type { AppDependencies } from '../core/context.js';
import type { AppEnv } from './env.js';
import { ApiError } from '../core/errors.js';
import { registerRoutes } from './routes/index.js';

export const maxRequestBytes = 40 * 1024 * 1024;

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Parley API',
    version: '1.0.0',
    description:
      "Parley's REST API. Paths under /api/v1/accounts/{account_id} follow Chatwoot's Application API v1, so Chatwoot clients work unchanged; /public/api/v1 follows Chatwoot's public client API.",
  },
} as const;

/** The whole HTTP API: routes, the OpenAPI document generated from their zod schemas, and its reference page. */
export function createApi(deps: AppDependencies): OpenAPIHono<AppEnv> {
  const app = newApp(deps);
  app.use(
    '*',
    bodyLimit({
      maxSize: maxRequestBytes,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', `Requests are limited to ${maxRequestBytes / 1024 / 1024} MiB`);
      },
    }),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'userApiKey', { type: 'apiKey', in: 'header', name: 'api_access_token' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'parley_session' });
  registerRoutes(app);
  app.doc31('/api/openapi.json', openApiInfo);
  app.get('/api/health', (c) => c.json({ ok: true }));
  return app;
}
