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

/** A contact note is changed or deleted by whoever wrote it, or by an administrator. */
export function canChangeContactNote(viewer: Pick<Viewer, 'userId' | 'role'>, note: { userId: number | null }): boolean {
  return isAdministrator(viewer) || (note.userId !== null && note.userId === viewer.userId);
}
