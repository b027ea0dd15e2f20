import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { updateAgent } from '../../../core/services/agents/update.js';
import { agentNameSchema, agentParams, availabilitySchema, roleSchema } from './schemas.js';

export const updateAgentRequestSchema = z
  .object({
    name: agentNameSchema.optional(),
    role: roleSchema.optional(),
    availability_status: availabilitySchema.optional(),
    auto_offline: z.boolean().optional(),
    custom_role_id: idField.nullable().optional().openapi({ description: 'Give the agent a custom role; null puts them back on the built-in role' }),
  })
  .openapi('UpdateAgentRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/agents/{id}',
  ...requires('administrator'),
  tags: ['Agents'],
  summary: 'Change an agent’s name, role or availability (administrators only; the last administrator stays one)',
  security: securityUserToken,
  request: { params: agentParams, body: jsonBody(updateAgentRequestSchema) },
  responses: { 200: jsonContent(agentSchema, 'The updated agent'), ...standardErrorResponses },
});

export function registerUpdateAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const agent = await updateAgent({ ...c.var.deps, actor: c.var.actor }, id, {
      name: body.name,
      role: body.role,
      availability: body.availability_status,
      autoOffline: body.auto_offline,
      customRoleId: body.custom_role_id,
    });
    return c.json(agent, 200);
  });
}
