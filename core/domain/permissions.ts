import type { AccountRole } from '../../db/schema/index.js';

/**
 * Who may see and act on what. Pure rules, used by every service (API routes and workflow
 * activities alike) so the console, the API and background work agree.
 */
export type Viewer = { userId: number; role: AccountRole; inboxIds: readonly number[] };

export const isAdministrator = (viewer: Pick<Viewer, 'role'>) => viewer.role === 'administrator';

/** Administrators see every conversation of the account; agents those of inboxes they belong to. */
export function canSeeConversation(viewer: Viewer, conversation: { inboxId: number }): boolean {
  return isAdministrator(viewer) || viewer.inboxIds.includes(conversation.inboxId);
}

/** Manual assignment may pick any agent who can see the inbox, or any administrator. */
export function canBeAssigned(candidate: { role: AccountRole; inboxIds: readonly number[] }, conversation: { inboxId: number }): boolean {
  return candidate.role === 'administrator' || candidate.inboxIds.includes(conversation.inboxId);
}

export const canManageInboxes = isAdministrator;
export const canManageAgents = isAdministrator;

/**
 * Deleting a message leaves Chatwoot's "This message was deleted" stub. Administrators may do it to
 * any message a person wrote; agents to their own (a reply or note of theirs). Activity lines are
 * the conversation's history and are never deleted.
 */
export function canDeleteMessage(viewer: Viewer, message: { messageType: string; senderType: string | null; senderId: number | null }): boolean {
  if (message.messageType === 'activity') return false;
  if (isAdministrator(viewer)) return true;
  return message.senderType === 'user' && message.senderId === viewer.userId;
}
