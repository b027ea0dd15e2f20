import { listMemberInboxIds, userWroteInConversation } from '../../db/queries/conversations.js';
import type { DatabaseOrTransaction } from '../../db/client.js';
import { canSeeConversation, conversationScopeOf, type Viewer } from '../domain/permissions.js';
import type { AccountActor } from '../context.js';

/** The actor plus the inboxes they belong to and their conversation scope: what permission rules need. */
export async function loadViewer(db: DatabaseOrTransaction, actor: AccountActor): Promise<Viewer> {
  const inboxIds = actor.role === 'administrator' ? [] : await listMemberInboxIds(db, { accountId: actor.accountId, userId: actor.userId });
  return { userId: actor.userId, role: actor.role, inboxIds, conversationScope: conversationScopeOf(actor) };
}

/**
 * `canSeeConversation` for one stored conversation: reads whether the viewer took part in it only
 * when their scope depends on it (own and participating, and not their own).
 */
export async function viewerSeesConversation(db: DatabaseOrTransaction, viewer: Viewer, conversation: { id: number; inboxId: number; assigneeId: number | null }) {
  const needsParticipation = viewer.conversationScope === 'own_and_participating' && conversation.assigneeId !== viewer.userId && viewer.inboxIds.includes(conversation.inboxId);
  const viewerParticipates = needsParticipation ? await userWroteInConversation(db, { conversationId: conversation.id, userId: viewer.userId }) : false;
  return canSeeConversation(viewer, { ...conversation, viewerParticipates });
}
