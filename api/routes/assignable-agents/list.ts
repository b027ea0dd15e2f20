import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { listAssignableAgents, myAssignmentLoad } from '../../../core/services/routing/loads.js';
import { invalid } from '../../../core/errors.js';

export const agentLoadFields = {
  open_conversations_count: z.number().int().openapi({ description: 'Open conversations assigned to them (in this inbox, or account-wide when that limit is the tighter)' }),
  max_assignment_limit: z.number().int().nullable().openapi({ description: 'The limit the router applies to them; null: none' }),
  at_capacity: z.boolean().openapi({ description: 'The router gives them nothing new; a manual assignment still works' }),
};

const assignableAgentSchema = agentSchema.extend(agentLoadFields).openapi('AssignableAgent');

const inboxIdsSchema = z
  .union([idParam, z.array(idParam)])
  .optional()
  .openapi({ description: 'The inbox (Chatwoot sends `inbox_ids[]`; the first one is used)' });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/assignable_agents',
  ...requires('account_member'),
  tags: ['Agents'],
  summary: 'Who may be assigned a conversation of an inbox, with availability and load against their limit',
  security: securityUserToken,
  request: { params: accountParams, query: z.object({ 'inbox_ids[]': inboxIdsSchema, inbox_ids: inboxIdsSchema }) },
  responses: { 200: jsonContent(z.object({ payload: z.array(assignableAgentSchema) }), 'The assignable agents, as Chatwoot’s `payload`'), ...standardErrorResponses },
});

const loadRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/assignment_load',
  ...requires('account_member'),
  tags: ['Agents'],
  summary: 'Your own open conversations against your limits, per inbox',
  security: securityUserToken,
  request: { params: accountParams },
  responses: {
    200: jsonContent(
      z
        .object({
          availability_status: z.enum(['online', 'busy', 'offline']).openapi({ description: 'What the router goes by (presence applied)' }),
          open_conversations_count: z.number().int(),
          account_limit: z.number().int().nullable(),
          inboxes: z.array(
            z.object({
              inbox_id: z.number().int(),
              name: z.string(),
              enable_auto_assignment: z.boolean(),
              open_conversations_count: z.number().int(),
              max_assignment_limit: z.number().int().nullable(),
            }),
          ),
        })
        .openapi('AssignmentLoad'),
      'Your load',
    ),
    ...standardErrorResponses,
  },
});

export function registerAssignableAgents(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    const given = query['inbox_ids[]'] ?? query.inbox_ids;
    const inboxId = Array.isArray(given) ? given[0] : given;
    if (inboxId === undefined) throw invalid('inbox_ids', 'Name the inbox: inbox_ids[]=<id>');
    return c.json({ payload: await listAssignableAgents({ ...c.var.deps, actor: c.var.actor }, inboxId) }, 200);
  });
  app.openapi(loadRoute, async (c) => c.json(await myAssignmentLoad({ ...c.var.deps, actor: c.var.actor }), 200));
}
