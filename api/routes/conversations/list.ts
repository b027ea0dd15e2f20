import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { conversationPriorities, conversationStatuses } from '../../../db/schema/index.js';
import { conversationSortOrders } from '../../../db/queries/conversations.js';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { countConversations, listConversations } from '../../../core/services/conversations/list.js';

export const listConversationsQuerySchema = z
  .object({
    assignee_type: z.enum(['me', 'unassigned', 'all', 'assigned']).default('me'),
    status: z.enum([...conversationStatuses, 'all']).default('open'),
    inbox_id: idParam.optional(),
    team_id: idParam.optional(),
    priority: z.enum([...conversationPriorities, 'none']).optional().openapi({ description: 'Only conversations with this priority (`none`: without one)' }),
    sort_by: z.enum(conversationSortOrders).default('latest').openapi({ description: 'latest activity first, or by priority (urgent first for priority_desc)' }),
    labels: z.string().max(200).optional().openapi({ description: 'A label title to filter by' }),
    q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Only conversations with a message containing this text (case-insensitive)' }),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .openapi('ListConversationsQuery');

/** The list's filters without paging or the tab: what `GET /conversations/meta` counts under. */
export const conversationCountsQuerySchema = listConversationsQuerySchema.omit({ assignee_type: true, page: true, sort_by: true }).openapi('ConversationCountsQuery');

const conversationCountsSchema = z
  .object({ mine_count: z.number().int(), unassigned_count: z.number().int(), assigned_count: z.number().int(), all_count: z.number().int() })
  .openapi('ConversationCounts');

export const conversationListSchema = z
  .object({ data: z.object({ meta: conversationCountsSchema, payload: z.array(conversationSchema) }) })
  .openapi('ConversationList');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/conversations',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'List conversations (Mine / Unassigned / All) with the counts of each view',
  security: securityUserToken,
  request: { params: accountParams, query: listConversationsQuerySchema },
  responses: { 200: jsonContent(conversationListSchema, '25 conversations a page, latest activity first'), ...standardErrorResponses },
});

const metaRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/conversations/meta',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'The counts of the Mine / Unassigned / All views under the same filters as the list (status, inbox_id, team_id, priority, labels, q)',
  security: securityUserToken,
  request: { params: accountParams, query: conversationCountsQuerySchema },
  responses: { 200: jsonContent(z.object({ meta: conversationCountsSchema }).openapi('ConversationMeta'), 'The counts'), ...standardErrorResponses },
});

/** Registered before `GET /conversations/{conversation_id}`, which would otherwise take `meta` for an id. */
export function registerListConversations(app: OpenAPIHono<AppEnv>) {
  app.openapi(metaRoute, async (c) => {
    const query = c.req.valid('query');
    const meta = await countConversations({ ...c.var.deps, actor: c.var.actor }, {
      status: query.status,
      inboxId: query.inbox_id,
      teamId: query.team_id,
      priority: query.priority,
      label: query.labels,
      search: query.q,
    });
    return c.json({ meta }, 200);
  });
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const result = await listConversations(
      { ...c.var.deps, actor: c.var.actor },
      { assigneeType: query.assignee_type, status: query.status, inboxId: query.inbox_id, teamId: query.team_id,
        priority: query.priority,
        sortBy: query.sort_by,
        label: query.labels,
        search: query.q,
        page: query.page,
      },
    );
    return c.json({ data: result }, 200);
  });
}
