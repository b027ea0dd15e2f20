import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { cannedResponseSchema } from '../../../core/serializers/canned-response.js';
import { createCannedResponse } from '../../../core/services/canned-responses/canned-responses.js';
import { cannedResponseFields } from './schemas.js';
import { requires } from '../../route-access.js';

export const createCannedResponseRequestSchema = z.object(cannedResponseFields).openapi('CreateCannedResponseRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/canned_responses',
  ...requires('account_member'),
  tags: ['Canned Responses'],
  summary: 'Create a canned response (any agent)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createCannedResponseRequestSchema) },
  responses: { 200: jsonContent(cannedResponseSchema, 'The new canned response'), ...standardErrorResponses },
});

export function registerCreateCannedResponse(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    return c.json(await createCannedResponse({ ...c.var.deps, actor: c.var.actor }, { shortCode: body.short_code, content: body.content }), 200);
  });
}
