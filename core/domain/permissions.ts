import { rolePermissions, type AccountRole, type RolePermission } from '../../db/schema/index.js';

/**
 * Who may see and act on what. Pure rules, used by every service (API routes and workflow
 * activities alike) so the console, the API and background work agree.
 */

/** Whose conversations a member works on, within the inboxes they belong to (administrators: every inbox). */
export type ConversationScope = 'all' | 'unassigned_and_own' | 'own_and_participating' | 'none';

export type Viewer = { userId: number; role: AccountRole; inboxIds: readonly number[]; conversationScope: ConversationScope };

/** What permissions depend on: the built-in role and, for agents, a custom role. */
export type PermissionHolder = { role: AccountRole; customRole?: { permissions: readonly RolePermission[] } | null };

export const isAdministrator = (viewer: Pick<Viewer, 'role'>) => viewer.role === 'administrator';

/** The built-in agent as it always was: every conversation of their inboxes, and contacts. */
export const builtInAgentPermissions: readonly RolePermission[] = ['conversation_manage', 'contact_manage'];

export function permissionsOf(holder: PermissionHolder): ReadonlySet<RolePermission> {
  if (holder.role === 'administrator') return new Set(rolePermissions);
  return new Set(holder.customRole ? holder.customRole.permissions : builtInAgentPermissions);
}

export const hasPermission = (holder: PermissionHolder, permission: RolePermission) => permissionsOf(holder).has(permission);

/** The widest conversation permission held decides the scope. */
export function conversationScopeOf(holder: PermissionHolder): ConversationScope {
  const permissions = permissionsOf(holder);
  if (permissions.has('conversation_manage')) return 'all';
  if (permissions.has('conversation_unassigned_manage')) return 'unassigned_and_own';
  if (permissions.has('conversation_participating_manage')) return 'own_and_participating';
  return 'none';
}

/**
 * What an API route asks of its caller before its service runs (each route declares one, see
 * api/route-access.ts): `public` and `signed_in` need no account membership; the rest are checked
 * against the caller's membership of the path's account.
 */
export const routeAccessLevels = ['public', 'signed_in', 'account_member', 'administrator', 'conversations', ...rolePermissions] as const;
export type RouteAccess = (typeof routeAccessLevels)[number];

/** Whether a member passes a route's declaration. Row-level scope (which conversations) stays in the services. */
export function allowsRoute(holder: PermissionHolder, access: RouteAccess): boolean {
  switch (access) {
    case 'public':
    case 'signed_in':
    case 'account_member':
      return true;
    case 'administrator':
      return isAdministrator(holder);
    case 'conversations':
      return conversationScopeOf(holder) !== 'none';
    default:
      return hasPermission(holder, access);
  }
}

/** Inbox membership: administrators see every inbox; agents those they belong to. */
export function canSeeInbox(viewer: Pick<Viewer, 'role' | 'inboxIds'>, inboxId: number): boolean {
  return isAdministrator(viewer) || viewer.inboxIds.includes(inboxId);
}

/**
 * Whether the viewer may see (and act on) a conversation: its inbox, then their conversation
 * scope. `viewerParticipates` (they wrote a message in it) only matters to the
 * own-and-participating scope; leave it out where it is unknown and that scope answers no.
 */
export function canSeeConversation(
  viewer: Viewer,
  conversation: { inboxId: number; assigneeId?: number | null; viewerParticipates?: boolean },
): boolean {
  if (!canSeeInbox(viewer, conversation.inboxId)) return false;
  const own = conversation.assigneeId != null && conversation.assigneeId === viewer.userId;
  switch (viewer.conversationScope) {
    case 'all':
      return true;
    case 'unassigned_and_own':
      return own || conversation.assigneeId == null;
    case 'own_and_participating':
      return own || conversation.viewerParticipates === true;
    case 'none':
      return false;
  }
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
export const canManageLabels = (holder: PermissionHolder) => hasPermission(holder, 'label_manage');
export const canManageContacts = (holder: PermissionHolder) => hasPermission(holder, 'contact_manage');
export const canSeeReports = (holder: PermissionHolder) => hasPermission(holder, 'report_manage');

/** A contact note is changed or deleted by whoever wrote it, or by an administrator. */
export function canChangeContactNote(viewer: Pick<Viewer, 'userId' | 'role'>, note: { userId: number | null }): boolean {
  return isAdministrator(viewer) || (note.userId !== null && note.userId === viewer.userId);
}
