import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses, emailAddress } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { invitedAgentSchema } from '../../../core/serializers/invitation.js';
import { createAgent } from '../../../core/services/agents/create.js';
import { agentNameSchema, availabilitySchema, newPasswordSchema, roleSchema } from './schemas.js';

export const createAgentRequestSchema = z
  .object({
    name: agentNameSchema,
    email: emailAddress.openapi({ example: 'ana@example.com' }),
    role: roleSchema.default('agent'),
    availability_status: availabilitySchema.optional(),
    auto_offline: z.boolean().optional(),
    password: newPasswordSchema.optional().openapi({ description: 'Leave out to have Parley generate one' }),
  })
  .openapi('CreateAgentRequest');

const createdAgentSchema = agentSchema
  .extend({
    password: z.string().optional().openapi({ description: 'The new login’s password, shown this once' }),
  })
  .openapi('CreatedAgent');

/** A new e-mail: the agent, a member at once. An e-mail with a Parley login elsewhere: the invitation. */
const createAgentResponseSchema = z.union([createdAgentSchema, invitedAgentSchema]);

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/agents',
  ...requires('administrator'),
  tags: ['Agents'],
  summary: 'Add an agent or administrator (administrators only); someone who already has a Parley login is invited (confirmed: false) and joins when they accept',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createAgentRequestSchema) },
  responses: { 200: jsonContent(createAgentResponseSchema, 'The new agent, or the invited one'), ...standardErrorResponses },
});

export function registerCreateAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const agent = await createAgent(
      { ...c.var.deps, actor: c.var.actor },
      { name: body.name, email: body.email, role: body.role, availability: body.availability_status, autoOffline: body.auto_offline, password: body.password },
    );
    return c.json(agent, 200);
  });
}
