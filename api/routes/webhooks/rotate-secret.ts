import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { webhookSchema } from '../../../core/serializers/webhook.js';
import { rotateWebhookSecret } from '../../../core/services/webhooks/manage.js';
import { webhookParams } from './schemas.js';

export const rotateWebhookSecretRequestSchema = z
  .object({
    overlap_seconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(24 * 3600)
      .openapi({ description: 'How long the old secret keeps signing beside the new one (both signatures are sent); default a day' }),
  })
  .openapi('RotateWebhookSecretRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/webhooks/{webhook_id}/rotate_secret',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'Give a webhook a new signing secret, with an overlap in which both sign (administrators only)',
  security: securityUserToken,
  request: { params: webhookParams, body: jsonBody(rotateWebhookSecretRequestSchema) },
  responses: { 200: jsonContent(z.object({ payload: z.object({ webhook: webhookSchema }) }), 'The webhook with its new secret'), ...standardErrorResponses },
});

export function registerRotateWebhookSecret(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { webhook_id } = c.req.valid('param');
    const body = c.req.valid('json');
    const webhook = await rotateWebhookSecret({ ...c.var.deps, actor: c.var.actor }, webhook_id, { overlapSeconds: body.overlap_seconds });
    return c.json({ payload: { webhook } }, 200);
  });
}
