import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { listAutomationRules } from '../../../db/queries/automation.js';
import { findConversationById } from '../../../db/queries/conversations.js';
import { automationEvents, conversationPriorities, type ConversationPriority } from '../../../db/schema/index.js';
import { evaluateRules, plannedActions, type ActionName } from '../../domain/automation-rules.js';
import { ApiError } from '../../errors.js';
import { writeAssignment } from '../conversations/assign.js';
import { changeLabelsByAutomation } from '../conversations/labels.js';
import { requestMuteChange, requestStatusChange } from '../conversations/lifecycle-client.js';
import { writePriority } from '../conversations/priority.js';
import { recordMessage } from '../messages/record.js';
import { loadAutomationFacts } from './facts.js';

/**
 * Messages a rule sends carry `automation:<event>:<n>` as their echo id, so each is sent once per
 * event and action whatever retries happen. Clients may not use the prefix (they could pre-empt it).
 */
export const automationIdempotencyPrefix = 'automation:';

/** The name activity lines give a rule's changes, as Chatwoot's. */
export const automationActorName = 'Automation System';

/** Status changes a run asks of the lifecycle workflow after its transaction commits. */
type StatusRequest = 'resolve' | 'mute';
type RunOutcome = { ruleIds: number[]; done: string[]; skipped: string[]; statusRequests: StatusRequest[] };

/**
 * Runs the account's rules for one automation event, once. In one transaction: the event row is
 * locked, the rules are evaluated by the pure evaluator, every database action is written (each with
 * `fromAutomation`, so nothing a rule does triggers rules again) and the event is marked processed
 * with what it did. Status actions (resolve, mute) belong to the lifecycle workflow, so they are
 * asked of it after commit; a retry after a crash finds the event processed and asks again, which
 * changes nothing the second time.
 */
export async function runAutomationEvent(deps: { db: Database; temporal: Client; taskQueue: string }, eventId: number): Promise<RunOutcome | undefined> {
  const result = await deps.db.transaction(async (tx) => {
    const [event] = await tx.select().from(automationEvents).where(eq(automationEvents.id, eventId)).for('update');
    if (!event) return undefined;
    if (event.processedAt) return { event, outcome: event.outcome as RunOutcome };
    const outcome: RunOutcome = { ruleIds: [], done: [], skipped: [], statusRequests: [] };
    const facts = await loadAutomationFacts(tx, { accountId: event.accountId, conversationId: event.conversationId, messageId: event.messageId, now: new Date() });
    if (facts) {
      const rules = await listAutomationRules(tx, { accountId: event.accountId });
      const verdicts = evaluateRules(rules, event.eventName, facts);
      outcome.ruleIds = verdicts.filter((v) => v.matched).map((v) => v.ruleId);
      let index = 0;
      for (const { ruleId, action } of plannedActions(verdicts)) {
        index += 1;
        const conversation = await findConversationById(tx, event.conversationId);
        if (!conversation) break;
        const label = `${ruleId}:${action.action_name}`;
        const params = action.action_params ?? [];
        try {
          switch (action.action_name as ActionName) {
            case 'assign_team':
              await writeAssignment(tx, { conversation, change: { teamId: Number(params[0]) || null }, actorName: automationActorName, fromAutomation: true });
              break;
            case 'assign_agent':
              await writeAssignment(tx, { conversation, change: { assigneeId: Number(params[0]) || null }, actorName: automationActorName, fromAutomation: true });
              break;
            case 'add_label':
              await changeLabelsByAutomation(tx, { conversation, add: params.map(String) });
              break;
            case 'remove_label':
              await changeLabelsByAutomation(tx, { conversation, remove: params.map(String) });
              break;
            case 'change_priority': {
              const wanted = String(params[0] ?? 'none');
              const priority = (conversationPriorities as readonly string[]).includes(wanted) ? (wanted as ConversationPriority) : null;
              await writePriority(tx, { conversation, priority, actorName: automationActorName, fromAutomation: true });
              break;
            }
            case 'send_message':
              // The echo id makes the message once per event and action, whatever retries happen.
              await recordMessage(tx, {
                conversation,
                messageType: 'outgoing',
                content: String(params[0] ?? ''),
                sender: null,
                echoId: `${automationIdempotencyPrefix}${event.id}:${index}`,
                contentAttributes: { automation_rule_id: ruleId },
                fromAutomation: true,
              });
              break;
            case 'resolve_conversation':
              outcome.statusRequests.push('resolve');
              break;
            case 'mute_conversation':
              outcome.statusRequests.push('mute');
              break;
            default:
              outcome.skipped.push(label);
              continue;
          }
          outcome.done.push(label);
        } catch (error) {
          // A team or agent deleted since the rule was written: that action is skipped, the rest still run.
          if (!(error instanceof ApiError)) throw error;
          outcome.skipped.push(label);
        }
      }
    }
    await tx.update(automationEvents).set({ processedAt: new Date(), outcome }).where(eq(automationEvents.id, event.id));
    return { event, outcome };
  });
  if (!result) return undefined;
  const { event, outcome } = result;
  if (outcome.statusRequests.length) {
    const conversation = await findConversationById(deps.db, event.conversationId);
    if (conversation) {
      for (const request of outcome.statusRequests) {
        if (request === 'mute') await requestMuteChange(deps.temporal, deps.taskQueue, conversation, { muted: true, actor: { type: 'system' } });
        else await requestStatusChange(deps.temporal, deps.taskQueue, conversation, { status: 'resolved', actor: { type: 'system' } });
      }
    }
  }
  return outcome;
}
