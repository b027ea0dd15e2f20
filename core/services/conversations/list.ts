import { listConversationIds, loadConversationCards } from '../../../db/queries/conversations.js';
import type { ConversationStatus } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { serializeConversation } from '../../serializers/conversation.js';
import { loadViewer } from '../viewer.js';

export const conversationsPageSize = 25;

export async function listConversations(
  ctx: ServiceContext,
  input: { assigneeType: 'me' | 'unassigned' | 'all' | 'assigned'; status: ConversationStatus | 'all'; inboxId?: number; teamId?: number; label?: string; page: number },
) {
  const viewer = await loadViewer(ctx.db, ctx.actor);
  const { ids, counts } = await listConversationIds(ctx.db, {
    accountId: ctx.actor.accountId,
    userId: viewer.userId,
    inboxIds: isAdministrator(viewer) ? undefined : viewer.inboxIds,
    ...input,
    pageSize: conversationsPageSize,
  });
  const cards = await loadConversationCards(ctx.db, { accountId: ctx.actor.accountId, ids });
  return {
    meta: { mine_count: counts.mine, unassigned_count: counts.unassigned, all_count: counts.all, assigned_count: counts.all - counts.unassigned },
    payload: cards.map((card) => serializeConversation(card)),
  };
}
