import { and, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findAgentName, lockAssignmentCandidate } from '../../../db/queries/agents.js';
import { queueAutomationEvent } from '../../../db/queries/automation.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { isTeamMember } from '../../../db/queries/teams.js';
import { conversations, teams } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { activityMessage, type ActivityEvent } from '../../domain/activity-messages.js';
import { canBeAssigned } from '../../domain/permissions.js';
import { invalid } from '../../errors.js';
import { serializeTeam } from '../../serializers/team.js';
import { serializeAgent } from '../../serializers/user.js';
import { recordMessage } from '../messages/record.js';
import { syncConversationReporting } from '../reports/sync.js';
import { dispatchAutomationEventSoon } from '../automation/dispatch.js';
import { notifyAssignment } from '../notifications/conversation-events.js';
import { scheduleDigests } from '../notifications/notify.js';
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

/** The team, if it belongs to the account; a 422 on team_id otherwise. */
export async function requireAccountTeam(db: DatabaseOrTransaction, { accountId, teamId }: { accountId: number; teamId: number }) {
  const [team] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.accountId, accountId)));
  if (!team) throw invalid('team_id', 'No such team in this account');
  return team;
}

export type AssignmentChange = { assigneeId?: number | null; teamId?: number | null };

/**
 * Writes an assignment inside the caller's transaction, with its activity messages, the live event,
 * and (unless `fromAutomation`) the conversation_updated automation event. As Chatwoot does, giving
 * the conversation a team whose members do not include its assignee unassigns them; naming both an
 * assignee and a team they are not in is refused. Returns the new assignee (null: nobody).
 */
export async function writeAssignment(
  tx: DatabaseOrTransaction,
  input: { conversation: ConversationRow; change: AssignmentChange; actorName: string; fromAutomation?: boolean },
) {
  const { conversation, change } = input;
  const accountId = conversation.accountId;
  const agent = change.assigneeId ? await requireAssignableAgent(tx, { accountId, assigneeId: change.assigneeId, inboxId: conversation.inboxId }) : null;
  const team = change.teamId ? await requireAccountTeam(tx, { accountId, teamId: change.teamId }) : null;
  // The assignment before this write, read under the row lock the write takes, so activity messages are right under concurrent assignments.
  const [previous] = await tx
    .select({ assigneeId: conversations.assigneeId, teamId: conversations.teamId, teamName: teams.name })
    .from(conversations)
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(eq(conversations.id, conversation.id))
    .for('update', { of: conversations });
  const teamChanged = change.teamId !== undefined && change.teamId !== (previous?.teamId ?? null);
  let assigneeId = change.assigneeId !== undefined ? change.assigneeId : (previous?.assigneeId ?? null);
  if (team && assigneeId && !(await isTeamMember(tx, { teamId: team.id, userId: assigneeId }))) {
    if (change.assigneeId) throw invalid('assignee_id', `The assignee is not a member of the team ${team.name}`);
    if (teamChanged) assigneeId = null;
  }
  const assigneeChanged = assigneeId !== (previous?.assigneeId ?? null);
  await tx
    .update(conversations)
    .set({ assigneeId, ...(change.teamId !== undefined ? { teamId: change.teamId } : {}), updatedAt: sql`now()` })
    .where(eq(conversations.id, conversation.id));
  const by = input.actorName;
  if (teamChanged) {
    const event: ActivityEvent = team ? { event: 'team_assigned', params: { team: team.name, actor: by } } : { event: 'team_unassigned', params: { team: previous?.teamName ?? '', actor: by } };
    await recordMessage(tx, { conversation, messageType: 'activity', ...activityMessage(event), sender: null });
  }
  // The assignee's activity line, which a "conversation assigned to you" notification points at.
  let assignmentMessageId: number | null = null;
  if (assigneeChanged) {
    const event: ActivityEvent = agent ? { event: 'assigned', params: { assignee: agent.displayName ?? agent.name, actor: by } } : { event: 'unassigned', params: { actor: by } };
    assignmentMessageId = (await recordMessage(tx, { conversation, messageType: 'activity', ...activityMessage(event), sender: null })).id;
  }
  const automationEventId =
    (teamChanged || assigneeChanged) && !input.fromAutomation ? await queueAutomationEvent(tx, { conversationId: conversation.id, eventName: 'conversation_updated' }) : null;
  // Reports credit the assignee and team: their events move with the assignment.
  if (teamChanged || assigneeChanged) await syncConversationReporting(tx, conversation.id);
  await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
  return { agent, team, assigneeId, assigneeChanged, teamChanged, automationEventId, assignmentMessageId };
}

/** Manual assignment: to any administrator or member of the inbox (null unassigns), and/or to a team of the account. */
export async function assignConversation(ctx: ServiceContext, input: { displayId: number } & AssignmentChange) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const { accountId } = ctx.actor;
  // A reassignment frees the previous assignee's capacity, an unassignment puts the conversation back in the queue: the router looks again.
  const written = await withRouterNotices(routerDepsOf(ctx), 'capacity_freed', async (tx, notifyRouter) => {
    const actorName = (await findAgentName(tx, { accountId, userId: ctx.actor.userId })) ?? 'an administrator';
    const result = await writeAssignment(tx, { conversation, change: { assigneeId: input.assigneeId, teamId: input.teamId }, actorName });
    // A team given to a waiting conversation changes who may take it: the router looks again.
    if (result.assigneeChanged || result.teamChanged) await notifyRouter([{ accountId, inboxId: conversation.inboxId }]);
    const digestUserIds =
      result.assigneeId && result.assignmentMessageId
        ? await notifyAssignment(tx, { conversation, assigneeId: result.assigneeId, actorUserId: ctx.actor.userId, activityMessageId: result.assignmentMessageId })
        : [];
    return { ...result, digestUserIds };
  });
  await dispatchAutomationEventSoon(ctx, written.automationEventId);
  await scheduleDigests(ctx, written.digestUserIds);
  // Chatwoot answers a team-only assignment with the team, any other with the assignee.
  if (input.assigneeId === undefined && input.teamId !== undefined) {
    return written.team ? serializeTeam({ team: written.team, isMember: await isTeamMember(ctx.db, { teamId: written.team.id, userId: ctx.actor.userId }) }) : null;
  }
  return written.agent ? serializeAgent(written.agent) : null;
}
