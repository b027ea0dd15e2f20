import type { Database } from '../../../db/client.js';
import { listAgents } from '../../../db/queries/agents.js';
import { listMembersOfTeams } from '../../../db/queries/teams.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import {
  countWaitingConversations,
  findLastAutomaticAssignee,
  findRoutingSettings,
  listInboxAgentLoads,
  lockInboxMembersForRouting,
  lockWaitingConversations,
  writeAutomaticAssignments,
  type AgentLoad,
} from '../../../db/queries/routing.js';
import type { RoutingPassInput, RoutingPassResult } from '../../../workflows/inbox-router/definitions.js';
import { activityMessage } from '../../domain/activity-messages.js';
import { isEligible, msUntilWindowFrees, pickAssignee } from '../../domain/routing.js';
import { recordMessage } from '../messages/record.js';
import { notifyAssignment } from '../notifications/conversation-events.js';
import { scheduleDigests, type DigestDeps } from '../notifications/notify.js';

/** The agent's figures once they took one more conversation, so the next decision in the batch sees it. */
const withOneMore = (agent: AgentLoad, at: Date): AgentLoad => ({
  ...agent,
  inboxOpen: agent.inboxOpen + 1,
  accountOpen: agent.accountOpen + 1,
  recentAutomatic: agent.recentAutomatic + 1,
  lastAutomaticAt: at,
});

/**
 * What the inbox router's activity does: one transaction that locks the inbox members' memberships,
 * reads their load under those locks, locks the waiting conversations (oldest first in the inbox's
 * queue order, skipping any being assigned by hand right now), and assigns as many as the agents'
 * capacity allows, one decision after another on the figures the previous decisions left. A manual
 * assignment made meanwhile has either committed (the conversation is no longer waiting) or holds the
 * row (skipped): it wins either way. A retried pass re-reads everything, so nothing is assigned twice.
 */
export async function runRoutingPass(deps: { db: Database; digests?: DigestDeps }, input: RoutingPassInput): Promise<RoutingPassResult> {
  const { db } = deps;
  const settings = await findRoutingSettings(db, { accountId: input.accountId, inboxId: input.inboxId });
  if (!settings) return { assigned: 0, more: false, waiting: 0, inboxGone: true };
  // Switched off: nothing waits for the router (switching it on signals).
  if (!settings.enabled) return { assigned: 0, more: false, waiting: 0 };
  const { accountId, id: inboxId } = settings;

  const outcome = await db.transaction(async (tx) => {
    await lockInboxMembersForRouting(tx, { accountId, inboxId });
    let agents = await listInboxAgentLoads(tx, { accountId, inboxId });
    if (!agents.some(isEligible)) return { assigned: 0, full: false, retryInMs: msUntilWindowFrees(agents) };
    const waiting = await lockWaitingConversations(tx, { inboxId, order: settings.queueOrder, limit: input.batchSize });
    let lastAssigneeId = settings.strategy === 'round_robin' ? await findLastAutomaticAssignee(tx, inboxId) : null;
    const decisions: { conversation: (typeof waiting)[number]; userId: number }[] = [];
    const now = new Date();
    // A conversation given to a team goes to one of that team's members only (Chatwoot's team auto-assignment).
    const teamMembers = await listMembersOfTeams(tx, [...new Set(waiting.map((conversation) => conversation.teamId).filter((id): id is number => id !== null))]);
    for (const conversation of waiting) {
      const members = conversation.teamId === null ? null : (teamMembers.get(conversation.teamId) ?? new Set<number>());
      const chosen = pickAssignee(members ? agents.filter((agent) => members.has(agent.userId)) : agents, settings.strategy, lastAssigneeId);
      // Nobody of this team is free: the next conversation may still have someone.
      if (!chosen && members) continue;
      if (!chosen) break;
      decisions.push({ conversation, userId: chosen.userId });
      agents = agents.map((agent) => (agent.userId === chosen.userId ? withOneMore(agent, now) : agent));
      lastAssigneeId = chosen.userId;
    }
    await writeAutomaticAssignments(tx, { inboxId, decisions: decisions.map((decision) => ({ conversationId: decision.conversation.id, userId: decision.userId })) });
    const names = new Map((await listAgents(tx, accountId)).map((agent) => [agent.id, agent.displayName ?? agent.name]));
    const digestUserIds: number[] = [];
    for (const { conversation, userId } of decisions) {
      const activity = await recordMessage(tx, { conversation, messageType: 'activity', ...activityMessage({ event: 'assigned_by_router', params: { assignee: names.get(userId) ?? 'an agent' } }), sender: null });
      digestUserIds.push(...(await notifyAssignment(tx, { conversation, assigneeId: userId, actorUserId: null, activityMessageId: activity.id })));
      await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId, conversationId: conversation.id });
    }
    const everyoneFull = decisions.length < waiting.length;
    return { assigned: decisions.length, full: decisions.length === input.batchSize, retryInMs: everyoneFull ? msUntilWindowFrees(agents) : undefined, digestUserIds };
  });
  // As after a manual assignment: the assignees' digest timers start (best effort; a later notification's digest includes these).
  if (deps.digests && outcome.digestUserIds) await scheduleDigests(deps.digests, outcome.digestUserIds);

  const waiting = await countWaitingConversations(db, inboxId);
  return { assigned: outcome.assigned, more: outcome.full && waiting > 0, waiting, ...(outcome.retryInMs !== undefined ? { retryInMs: outcome.retryInMs } : {}) };
}
