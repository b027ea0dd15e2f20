import { and, eq, sql } from 'drizzle-orm';
import { findMembership } from '../../../db/queries/auth.js';
import { listMemberInboxIds } from '../../../db/queries/conversations.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations, teams, users } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { canBeAssigned } from '../../domain/permissions.js';
import { invalid } from '../../errors.js';
import { serializeAgent } from '../../serializers/user.js';
import { recordMessage } from '../messages/record.js';
import { findVisibleConversation } from './access.js';

const nameOf = (user: { name: string; displayName: string | null }) => user.displayName ?? user.name;

/** The account membership of someone who may be assigned a conversation of this inbox; a 422 on assignee_id otherwise. */
export async function requireAssignableAgent(ctx: ServiceContext, input: { assigneeId: number; inboxId: number }) {
  const { accountId } = ctx.actor;
  const membership = await findMembership(ctx.db, { accountId, userId: input.assigneeId });
  const inboxIds = membership ? await listMemberInboxIds(ctx.db, { accountId, userId: input.assigneeId }) : [];
  if (!membership || !canBeAssigned({ role: membership.role, inboxIds }, { inboxId: input.inboxId })) {
    throw invalid('assignee_id', 'The assignee must be an administrator or a member of the inbox');
  }
  return membership;
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
  let assignee: ReturnType<typeof serializeAgent> | null = null;
  if (input.assigneeId) {
    const membership = await requireAssignableAgent(ctx, { assigneeId: input.assigneeId, inboxId: conversation.inboxId });
    const [user] = await ctx.db.select().from(users).where(eq(users.id, input.assigneeId));
    assignee = serializeAgent({ ...user, accountId, role: membership.role, availability: membership.availability, autoOffline: membership.autoOffline });
  }
  if (input.teamId) await requireAccountTeam(ctx, input.teamId);
  const [actor] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  await ctx.db.transaction(async (tx) => {
    const changes: Partial<typeof conversations.$inferInsert> = { updatedAt: sql`now()` as unknown as Date };
    if (input.assigneeId !== undefined) changes.assigneeId = input.assigneeId;
    if (input.teamId !== undefined) changes.teamId = input.teamId;
    await tx.update(conversations).set(changes).where(eq(conversations.id, conversation.id));
    if (input.assigneeId !== undefined && input.assigneeId !== conversation.assigneeId) {
      const content = assignee ? `Assigned to ${assignee.display_name ?? assignee.name} by ${nameOf(actor)}` : `Conversation unassigned by ${nameOf(actor)}`;
      await recordMessage(tx, { conversation, messageType: 'activity', content, sender: null });
    }
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
  });
  return assignee;
}
