import { countConversationViews, listConversationIds, loadConversationCards, type ConversationSortOrder } from '../../../db/queries/conversations.js';
import type { ConversationPriority, ConversationStatus } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { serializeConversation } from '../../serializers/conversation.js';
import { loadViewer } from '../viewer.js';

export const conversationsPageSize = 25;

export async function listConversations(
  ctx: ServiceContext,
  input: ConversationFilters & { assigneeType: 'me' | 'unassigned' | 'all' | 'assigned'; page: number; sortBy?: ConversationSortOrder },
) {
  const { ids, counts } = await listConversationIds(ctx.db, { ...(await visibleScope(ctx)), ...input, pageSize: conversationsPageSize });
  const cards = await loadConversationCards(ctx.db, { accountId: ctx.actor.accountId, ids });
  return { meta: countsJson(counts), payload: cards.map((card) => serializeConversation(card)) };
}

export type ConversationFilters = {
  status: ConversationStatus | 'all';
  inboxId?: number;
  teamId?: number;
  priority?: ConversationPriority | 'none';
  label?: string;
  search?: string;
};

/** `GET /conversations/meta`: the list's tab counts under the same filters, without a page. */
export async function countConversations(ctx: ServiceContext, filters: ConversationFilters) {
  const counts = await countConversationViews(ctx.db, { ...(await visibleScope(ctx)), ...filters });
  return countsJson(counts);
}

/** Whose "mine" tab, and which inboxes the viewer may see (administrators: every inbox). */
async function visibleScope(ctx: ServiceContext) {
  const viewer = await loadViewer(ctx.db, ctx.actor);
  return {
    accountId: ctx.actor.accountId,
    userId: viewer.userId,
    inboxIds: isAdministrator(viewer) ? undefined : viewer.inboxIds,
    conversationScope: viewer.conversationScope,
  };
}

const countsJson = (counts: { mine: number; unassigned: number; all: number }) => ({
  mine_count: counts.mine,
  unassigned_count: counts.unassigned,
  assigned_count: counts.all - counts.unassigned,
  all_count: counts.all,
});
