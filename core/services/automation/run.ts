import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { listAutomationRules } from '../../../db/queries/automation.js';
import { findConversationById } from '../../../db/queries/conversations.js';
import { findInbox } from '../../../db/queries/inboxes.js';
import type { WebhookSettings } from '../../settings.js';
import { automationEvents, conversationPriorities, type ConversationPriority } from '../../../db/schema/index.js';
import { evaluateRules, plannedActions, type ActionName } from '../../domain/automation-rules.js';
import { outboundDeliveryFor } from '../../domain/outbound.js';
import { ApiError } from '../../errors.js';
import { writeAssignment } from '../conversations/assign.js';
import { changeLabelsByAutomation } from '../conversations/labels.js';
import { requestMuteChange, requestStatusChange } from '../conversations/lifecycle-client.js';
import { writePriority } from '../conversations/priority.js';
import { recordMessage } from '../messages/record.js';
import { handOverNotice } from '../messages/outbound.js';
import { notifyAssignment, recordAssigneeMessageNotification } from '../notifications/conversation-events.js';
import { scheduleDigests } from '../notifications/notify.js';
import { drainWebhookEventsSoon } from '../webhooks/drain.js';
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
/** What the run's commit leaves to do at once (each also done later by a sweeper, or left for the next digest, if this process dies first). */
type AfterCommit = { digestUserIds: number[]; outboundNotices: { noticeId: number; messageId: number }[]; webhookEventIds: number[] };

export type AutomationRunDependencies = {
  db: Database;
  temporal: Client;
  taskQueue: string;
  webhooks?: WebhookSettings;
  /** NOTIFICATION_DIGEST_DELAY, for the digest an assignment's or a message's notification starts. */
  notificationDigestDelayMs?: number;
};

/**
 * Runs the account's rules for one automation event, once. In one transaction: the event row is
 * locked, the rules are evaluated by the pure evaluator, every database action is written (each with
 * `fromAutomation`, so nothing a rule does triggers rules again) and the event is marked processed
 * with what it did. Status actions (resolve, mute) belong to the lifecycle workflow, so they are
 * asked of it after commit; a retry after a crash finds the event processed and asks again, which
 * changes nothing the second time.
 */
export async function runAutomationEvent(deps: AutomationRunDependencies, eventId: number): Promise<RunOutcome | undefined> {
  const result = await deps.db.transaction(async (tx) => {
    const [event] = await tx.select().from(automationEvents).where(eq(automationEvents.id, eventId)).for('update');
    if (!event) return undefined;
    const after: AfterCommit = { digestUserIds: [], outboundNotices: [], webhookEventIds: [] };
    if (event.processedAt) return { event, outcome: event.outcome as RunOutcome, after };
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
            case 'assign_agent': {
              const assigned = await writeAssignment(tx, { conversation, change: { assigneeId: Number(params[0]) || null }, actorName: automationActorName, fromAutomation: true });
              if (assigned.assigneeId && assigned.assignmentMessageId) {
                const notified = await notifyAssignment(tx, { conversation, assigneeId: assigned.assigneeId, actorUserId: null, actorName: automationActorName, activityMessageId: assigned.assignmentMessageId });
                after.digestUserIds.push(...notified);
              }
              break;
            }
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
            case 'send_message': {
              const inbox = await findInbox(tx, { accountId: conversation.accountId, id: conversation.inboxId });
              const content = String(params[0] ?? '');
              // The echo id makes the message once per event and action, whatever retries happen. It goes
              // out through its channel like an agent's reply (an email inbox mails it), without the send
              // window: nobody is there to interrupt a rule. It is announced (message_created) once sent.
              const stored = await recordMessage(tx, {
                conversation,
                messageType: 'outgoing',
                content,
                sender: null,
                echoId: `${automationIdempotencyPrefix}${event.id}:${index}`,
                contentAttributes: { automation_rule_id: ruleId },
                fromAutomation: true,
                delivery: inbox ? outboundDeliveryFor(inbox, new Date(), { withWindow: false }) : undefined,
              });
              if (stored.created) {
                if (stored.noticeId !== null) after.outboundNotices.push({ noticeId: stored.noticeId, messageId: stored.id });
                after.webhookEventIds.push(...stored.webhookEventIds);
                after.digestUserIds.push(
                  ...(await recordAssigneeMessageNotification(tx, { conversationId: conversation.id, messageId: stored.id, senderUserId: null, isPrivate: false, preview: content })),
                );
              }
              break;
            }
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
    return { event, outcome, after };
  });
  if (!result) return undefined;
  const { event, outcome, after } = result;
  const config = { taskQueue: deps.taskQueue, webhooks: deps.webhooks, notificationDigestDelayMs: deps.notificationDigestDelayMs };
  for (const notice of after.outboundNotices) await handOverNotice({ db: deps.db, temporal: deps.temporal, config }, notice.noticeId, notice.messageId);
  drainWebhookEventsSoon({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, webhooks: deps.webhooks }, after.webhookEventIds);
  await scheduleDigests({ temporal: deps.temporal, config }, after.digestUserIds);
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
