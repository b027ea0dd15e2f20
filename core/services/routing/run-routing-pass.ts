import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { findAgentName } from '../../../db/queries/agents.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import {
  countWaitingConversations,
  findLastAutomaticAssignee,
  findRoutingSettings,
  listInboxAgentLoads,
  lockMembershipForRouting,
  lockNextWaitingConversation,
} from '../../../db/queries/routing.js';
import { automaticAssignments, conversations } from '../../../db/schema/index.js';
import type { RoutingPassInput, RoutingPassResult } from '../../../workflows/inbox-router/definitions.js';
import { isEligible, msUntilWindowFrees, pickAssignee } from '../../domain/routing.js';
import { recordMessage } from '../messages/record.js';

type Settings = NonNullable<Awaited<ReturnType<typeof findRoutingSettings>>>;
type Step = { kind: 'assigned' } | { kind: 'nothing_waiting' } | { kind: 'nobody_eligible'; retryInMs?: number } | { kind: 'raced' };

/**
 * One decision, in its own transaction: pick the agent (strategy), lock their membership (so routers of
 * other inboxes decide about them one at a time, for the account-wide limit), lock the next waiting
 * conversation, then re-check under those locks that it is still waiting and the agent still eligible.
 * A manual assignment made meanwhile holds the conversation's lock or has committed: either way this
 * skips it. Committed decisions cannot repeat on a retry: the conversation is no longer waiting.
 */
async function assignNextWaiting(db: Database, settings: Settings): Promise<Step> {
  const { accountId, id: inboxId } = settings;
  return db.transaction(async (tx): Promise<Step> => {
    const agents = await listInboxAgentLoads(tx, { accountId, inboxId });
    const chosen = pickAssignee(agents, settings.strategy, settings.strategy === 'round_robin' ? await findLastAutomaticAssignee(tx, inboxId) : null);
    if (!chosen) return { kind: 'nobody_eligible', retryInMs: msUntilWindowFrees(agents) };
    if (!(await lockMembershipForRouting(tx, { accountId, userId: chosen.userId }))) return { kind: 'raced' };
    const conversation = await lockNextWaitingConversation(tx, { inboxId, order: settings.queueOrder });
    if (!conversation) return { kind: 'nothing_waiting' };
    const [fresh] = await listInboxAgentLoads(tx, { accountId, inboxId, userId: chosen.userId });
    // Another inbox's router (or a change of availability) got there first: choose again with what is committed now.
    if (!fresh || !isEligible(fresh)) return { kind: 'raced' };

    await tx.update(conversations).set({ assigneeId: chosen.userId, updatedAt: sql`now()` }).where(eq(conversations.id, conversation.id));
    await tx.insert(automaticAssignments).values({ inboxId, conversationId: conversation.id, userId: chosen.userId });
    const name = (await findAgentName(tx, { accountId, userId: chosen.userId })) ?? 'an agent';
    await recordMessage(tx, { conversation, messageType: 'activity', content: `Assigned to ${name} by the inbox router`, sender: null });
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId, conversationId: conversation.id });
    return { kind: 'assigned' };
  });
}

/** Consecutive lost races after which a pass gives up and lets the next signal (or recheck) try again. */
const maxRacesPerPass = 20;

/**
 * What the inbox router's activity does: assign waiting conversations, oldest first in the inbox's
 * queue order, until the batch is full, nothing waits, or nobody is eligible.
 */
export async function runRoutingPass(db: Database, input: RoutingPassInput): Promise<RoutingPassResult> {
  const settings = await findRoutingSettings(db, { accountId: input.accountId, inboxId: input.inboxId });
  if (!settings) return { assigned: 0, more: false, waiting: 0, inboxGone: true };
  // Switched off: nothing waits for the router (switching it on signals).
  if (!settings.enabled) return { assigned: 0, more: false, waiting: 0 };
  let assigned = 0;
  let races = 0;
  let retryInMs: number | undefined;
  while (assigned < input.batchSize && races < maxRacesPerPass) {
    const step = await assignNextWaiting(db, settings);
    if (step.kind === 'assigned') assigned += 1;
    else if (step.kind === 'raced') races += 1;
    else {
      if (step.kind === 'nobody_eligible') retryInMs = step.retryInMs;
      break;
    }
  }
  const waiting = await countWaitingConversations(db, input.inboxId);
  return { assigned, more: waiting > 0 && (assigned === input.batchSize || races >= maxRacesPerPass), waiting, ...(retryInMs !== undefined ? { retryInMs } : {}) };
}
