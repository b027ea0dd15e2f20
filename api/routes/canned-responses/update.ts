import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { cannedResponseSchema } from '../../../core/serializers/canned-response.js';
import { updateCannedResponse } from '../../../core/services/canned-responses/canned-responses.js';
import { cannedResponseFields, cannedResponseParams } from './schemas.js';
import { requires } from '../../route-access.js';

export const updateCannedResponseRequestSchema = z
  .object({ short_code: cannedResponseFields.short_code.optional(), content: cannedResponseFields.content.optional() })
  .openapi('UpdateCannedResponseRequest');

// Chatwoot documents PATCH; its Rails routes take PUT too, and clients use both.
const routeFor = (method: 'patch' | 'put') =>
  createRoute({
    method,
    path: '/api/v1/accounts/{account_id}/canned_responses/{id}',
    ...requires('account_member'),
    tags: ['Canned Responses'],
    summary: 'Change a canned response (any agent); fields left out stay',
    security: securityUserToken,
    request: { params: cannedResponseParams, body: jsonBody(updateCannedResponseRequestSchema) },
    responses: { 200: jsonContent(cannedResponseSchema, 'The updated canned response'), ...standardErrorResponses },
  });

export function registerUpdateCannedResponse(app: OpenAPIHono<AppEnv>) {
  for (const method of ['patch', 'put'] as const) {
    app.openapi(routeFor(method), async (c) => {
      const body = c.req.valid('json');
      const updated = await updateCannedResponse({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, { shortCode: body.short_code, content: body.content });
      return c.json(updated, 200);
    });
  }
}
