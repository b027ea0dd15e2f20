import { findAgent, removeAgentFromAccount } from '../../../db/queries/agents.js';
import { recordAudit } from '../audit/record.js';
import { publishAccessChange, publishLiveEvent } from '../../../db/queries/events.js';
import type { ServiceContext } from '../../context.js';
import { canManageAgents } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { assertNotLastAdministrator } from './last-administrator.js';
import { syncConversationReporting } from '../reports/sync.js';

/**
 * Takes an agent out of the account (administrators only): their inbox and team memberships there go,
 * and their conversations there return to Unassigned. Their login and other accounts stay.
 */
export async function removeAgent(ctx: ServiceContext, userId: number) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can remove agents');
  const { accountId } = ctx.actor;
  const target = await findAgent(ctx.db, { accountId, userId });
  if (!target) throw notFound('Agent');
  await ctx.db.transaction(async (tx) => {
    if (target.role === 'administrator') await assertNotLastAdministrator(tx, { accountId, userId, field: 'id' });
    const unassigned = await removeAgentFromAccount(tx, { accountId, userId });
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'AccountUser', auditableId: userId, changes: { name: target.name, email: target.email, role: target.role } });
    // Their open event streams for this account close.
    await publishAccessChange(tx, { kind: 'membership', accountId, userId });
    for (const conversation of unassigned) {
      // Their past replies stay theirs in the reports; what is credited to the assignee moves.
      await syncConversationReporting(tx, conversation.id);
      await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    }
  });
}
