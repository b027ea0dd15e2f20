import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { listSignatures, maxSignatureLength, saveSignature } from '../../../core/services/inboxes/signatures.js';
import { inboxParams } from './schemas.js';

const signatureSchema = z
  .object({
    user_id: z.number().int().nullable().openapi({ description: 'The agent; null for the inbox’s general signature' }),
    body: z.string(),
    enabled: z.boolean(),
    updated_at: z.number().int(),
  })
  .openapi('InboxSignature');

const saveSignatureSchema = z
  .object({
    user_id: idField.nullable().openapi({ description: 'The agent; null for the general signature, used when an agent has none switched on' }),
    body: z.string().max(maxSignatureLength),
    enabled: z.boolean().default(true),
  })
  .openapi('SaveInboxSignatureRequest');

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}/signatures',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'An email inbox’s signatures: the general one and each agent’s (administrators only)',
  security: securityUserToken,
  request: { params: inboxParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(signatureSchema) }), 'The signatures'), ...standardErrorResponses },
});

const saveRoute = createRoute({
  method: 'put',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}/signatures',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'Set one signature of an email inbox and its switch (administrators only)',
  security: securityUserToken,
  request: { params: inboxParams, body: { content: { 'application/json': { schema: saveSignatureSchema } }, required: true } },
  responses: { 200: jsonContent(signatureSchema, 'The saved signature'), ...standardErrorResponses },
});

export function registerInboxSignatures(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const payload = await listSignatures({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ payload }, 200);
  });
  app.openapi(saveRoute, async (c) => {
    const body = c.req.valid('json');
    const saved = await saveSignature({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, { userId: body.user_id, body: body.body, enabled: body.enabled });
    return c.json(saved, 200);
  });
}
