import { sql } from 'drizzle-orm';
import { listConversationIds, loadConversationCards } from '../../../db/queries/conversations.js';
import { conversationLabels, conversations, labels } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { compileFilterPayload, conversationFilterAttributes, FilterPayloadError, type CompiledFilter, type FilterConditionInput } from '../../domain/filters.js';
import { isAdministrator } from '../../domain/permissions.js';
import { invalid } from '../../errors.js';
import { serializeConversation } from '../../serializers/conversation.js';
import { filterToSql, type FilterColumns } from '../filters/compile-sql.js';
import { loadViewer } from '../viewer.js';
import { conversationsPageSize } from './list.js';

export const conversationFilterColumns: FilterColumns = {
  standard: {
    status: conversations.status,
    assignee_id: conversations.assigneeId,
    inbox_id: conversations.inboxId,
    team_id: conversations.teamId,
    priority: conversations.priority,
    created_at: conversations.createdAt,
    last_activity_at: conversations.lastActivityAt,
  },
  hasLabels: (titles) =>
    sql`exists (select 1 from ${conversationLabels} join ${labels} on ${labels.id} = ${conversationLabels.labelId}
      where ${conversationLabels.conversationId} = ${conversations.id}${titles ? sql` and ${labels.title} in (${sql.join(titles.map((t) => sql`${t}`), sql`, `)})` : sql``})`,
  customAttributes: conversations.customAttributes,
};

export function compileConversationFilter(payload: readonly FilterConditionInput[]): CompiledFilter {
  try {
    return compileFilterPayload(payload, conversationFilterAttributes);
  } catch (error) {
    if (error instanceof FilterPayloadError) throw invalid(error.problem.field, error.problem.message);
    throw error;
  }
}

/**
 * `POST conversations/filter`: the conversations the viewer may see (administrators: all; agents:
 * their inboxes') that match the payload, every status, latest activity first, with the tab counts.
 */
export async function filterConversationsPage(ctx: ServiceContext, input: { page: number; payload: readonly FilterConditionInput[] }) {
  const condition = filterToSql(compileConversationFilter(input.payload), conversationFilterColumns);
  const viewer = await loadViewer(ctx.db, ctx.actor);
  const { ids, counts } = await listConversationIds(ctx.db, {
    accountId: ctx.actor.accountId,
    userId: viewer.userId,
    inboxIds: isAdministrator(viewer) ? undefined : viewer.inboxIds,
    assigneeType: 'all',
    status: 'all',
    condition,
    page: input.page,
    pageSize: conversationsPageSize,
  });
  const cards = await loadConversationCards(ctx.db, { accountId: ctx.actor.accountId, ids });
  return {
    meta: { mine_count: counts.mine, unassigned_count: counts.unassigned, all_count: counts.all },
    payload: cards.map((card) => serializeConversation(card)),
  };
}
