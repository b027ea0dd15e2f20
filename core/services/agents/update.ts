import { eq } from 'drizzle-orm';
import { findAgent, unassignConversationsOutsideMemberInboxes, updateMembership } from '../../../db/queries/agents.js';
import { publishAccessChange, publishLiveEvent } from '../../../db/queries/events.js';
import { users, type AccountRole, type AvailabilityStatus } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { activityMessage } from '../../domain/activity-messages.js';
import { canManageAgents } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { findCustomRole } from '../../../db/queries/custom-roles.js';
import { changedFields, recordAudit } from '../audit/record.js';
import { serializeAgent } from '../../serializers/user.js';
import { recordMessage } from '../messages/record.js';
import { assertNotLastAdministrator } from './last-administrator.js';
import { listAutoAssignedInboxesOf } from '../../../db/queries/routing.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';

/**
 * Administrators change an agent's name, role and availability; the last administrator cannot be demoted.
 * The name is this account's name for them, kept on the membership: the person's own name, and what
 * their other accounts call them, never change. A demoted administrator no longer sees inboxes they
 * are not a member of, so their conversations there go back to Unassigned in the same transaction,
 * each with an activity message saying why.
 */
export async function updateAgent(
  ctx: ServiceContext,
  userId: number,
  input: { name?: string; role?: AccountRole; availability?: AvailabilityStatus; autoOffline?: boolean; customRoleId?: number | null },
) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can change agents');
  const { accountId } = ctx.actor;
  const target = await findAgent(ctx.db, { accountId, userId });
  if (!target) throw notFound('Agent');
  const demoted = input.role === 'agent' && target.role === 'administrator';
  if (input.customRoleId != null && !(await findCustomRole(ctx.db, { accountId, id: input.customRoleId }))) throw invalid('custom_role_id', 'No such custom role in this account');
  const roleChanged = (input.role !== undefined && input.role !== target.role) || (input.customRoleId !== undefined && input.customRoleId !== target.customRoleId);
  // Availability, presence rules or role decide whom the router may pick: their inboxes' routers look again.
  await withRouterNotices(routerDepsOf(ctx), 'availability_changed', async (tx, notifyRouter) => {
    await notifyRouter(await listAutoAssignedInboxesOf(tx, { accountId, userId }));
    if (demoted) await assertNotLastAdministrator(tx, { accountId, userId, field: 'role' });
    await updateMembership(tx, { accountId, userId }, { role: input.role, availability: input.availability, autoOffline: input.autoOffline, name: input.name, customRoleId: input.customRoleId });
    const changes = changedFields(
      { name: target.name, role: target.role, custom_role_id: target.customRoleId },
      { name: input.name, role: input.role, custom_role_id: input.customRoleId },
    );
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, ctx.actor, { action: roleChanged ? 'role_assigned' : 'update', auditableType: 'AccountUser', auditableId: userId, changes });
    }
    // Their open streams re-judge what they may see under the new role.
    if (roleChanged) await publishAccessChange(tx, { kind: 'membership', accountId, userId });
    if (!demoted) return;
    const unassigned = await unassignConversationsOutsideMemberInboxes(tx, { accountId, assigneeId: userId });
    if (unassigned.length === 0) return;
    const [actor] = await tx.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId));
    const actorName = actor ? (actor.displayName ?? actor.name) : 'an administrator';
    const agentName = target.displayName ?? target.name;
    for (const conversation of unassigned) {
      const activity = activityMessage({ event: 'unassigned_on_demotion', params: { assignee: agentName, actor: actorName } });
      await recordMessage(tx, { conversation, messageType: 'activity', ...activity, sender: null });
      await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    }
  });
  const updated = await findAgent(ctx.db, { accountId, userId });
  if (!updated) throw notFound('Agent');
  return serializeAgent(updated);
}
