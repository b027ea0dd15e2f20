import { and, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findAgentName, lockAssignmentCandidate } from '../../../db/queries/agents.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations, teams } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { canBeAssigned } from '../../domain/permissions.js';
import { invalid } from '../../errors.js';
import { serializeAgent } from '../../serializers/user.js';
import { recordMessage } from '../messages/record.js';
import { findVisibleConversation } from './access.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';

/**
 * The agent, if they may be assigned a conversation of this inbox; a 422 on assignee_id otherwise.
 * Run it inside the transaction that writes the assignment: it locks their memberships, so a
 * demotion or a removal racing the assignment either waits for it (and unassigns) or wins (and the
 * assignment is refused), never leaving the conversation with someone who cannot see it.
 */
export async function requireAssignableAgent(tx: DatabaseOrTransaction, input: { accountId: number; assigneeId: number; inboxId: number }) {
  const candidate = await lockAssignmentCandidate(tx, { accountId: input.accountId, userId: input.assigneeId, inboxId: input.inboxId });
  if (!candidate || !canBeAssigned({ role: candidate.agent.role, inboxIds: candidate.inboxIds }, { inboxId: input.inboxId })) {
    throw invalid('assignee_id', 'The assignee must be an administrator or a member of the inbox');
  }
  return candidate.agent;
}

/** A 422 on team_id unless the team belongs to the actor's account. */
export async function requireAccountTeam(ctx: ServiceContext, teamId: number) {
  const [team] = await ctx.db.select({ id: teams.id }).from(teams).where(and(eq(teams.id, teamId), eq(teams.accountId, ctx.actor.accountId)));
  if (!team) throw invalid('team_id', 'No such team in this account');
}

/** Manual assignment: to any administrator or member of the inbox (null unassigns); a team is set alongside. */
export async function assignConversation(ctx: ServiceContext, input: { displayId: number; assigneeId?: number | null; teamId?: number | null }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const { accountId } = ctx.actor;
  if (input.teamId) await requireAccountTeam(ctx, input.teamId);
  // A reassignment frees the previous assignee's capacity, an unassignment puts the conversation back in the queue: the router looks again.
  return withRouterNotices(routerDepsOf(ctx), 'capacity_freed', async (tx, notifyRouter) => {
    const agent = input.assigneeId ? await requireAssignableAgent(tx, { accountId, assigneeId: input.assigneeId, inboxId: conversation.inboxId }) : null;
    const changes: Partial<typeof conversations.$inferInsert> = { updatedAt: sql`now()` as unknown as Date };
    if (input.assigneeId !== undefined) changes.assigneeId = input.assigneeId;
    if (input.teamId !== undefined) changes.teamId = input.teamId;
    // The assignee before this write, read under the row lock the write takes, so the activity message is right under concurrent assignments.
    const [previous] = await tx.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversation.id)).for('update');
    await tx.update(conversations).set(changes).where(eq(conversations.id, conversation.id));
    if (input.assigneeId !== undefined && input.assigneeId !== (previous?.assigneeId ?? null)) {
      const actorName = (await findAgentName(tx, { accountId, userId: ctx.actor.userId })) ?? 'an administrator';
      const content = agent ? `Assigned to ${agent.displayName ?? agent.name} by ${actorName}` : `Conversation unassigned by ${actorName}`;
      await recordMessage(tx, { conversation, messageType: 'activity', content, sender: null });
      await notifyRouter([{ accountId, inboxId: conversation.inboxId }]);
    }
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    return agent ? serializeAgent(agent) : null;
  });
}
