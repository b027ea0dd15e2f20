import { findConversationByDisplayId, loadConversationCards, type ConversationRow } from '../../../db/queries/conversations.js';
import type { Viewer } from '../../domain/permissions.js';
import { notFound } from '../../errors.js';
import type { ServiceContext } from '../../context.js';
import { serializeConversation } from '../../serializers/conversation.js';
import { loadViewer, viewerSeesConversation } from '../viewer.js';

/**
 * Finds a conversation the actor may see. Another inbox's conversation answers 404, like a missing
 * one, so ids cannot be probed.
 */
export async function findVisibleConversation(ctx: ServiceContext, displayId: number): Promise<{ conversation: ConversationRow; viewer: Viewer }> {
  const [conversation, viewer] = await Promise.all([
    findConversationByDisplayId(ctx.db, { accountId: ctx.actor.accountId, displayId }),
    loadViewer(ctx.db, ctx.actor),
  ]);
  // Outside the viewer's scope (another inbox, or another agent's under a narrow role) looks missing too.
  if (!conversation || !(await viewerSeesConversation(ctx.db, viewer, conversation))) throw notFound('Conversation');
  return { conversation, viewer };
}

export async function conversationJson(ctx: Pick<ServiceContext, 'db'>, conversation: ConversationRow) {
  const [card] = await loadConversationCards(ctx.db, { accountId: conversation.accountId, ids: [conversation.id] });
  if (!card) throw notFound('Conversation');
  return serializeConversation(card);
}
