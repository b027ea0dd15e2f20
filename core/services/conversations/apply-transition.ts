import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findCsatSurveyByConversation, queueCsatSurvey, withdrawCsatSurvey } from '../../../db/queries/csat.js';
import { withRouterNotices, type RouterNoticeDeps } from '../routing/router-notices.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations, inboxes, messages, users } from '../../../db/schema/index.js';
import type { TransitionOutcome } from '../../../workflows/conversation/definitions.js';
import { reopensOnIncomingMessage } from '../../../workflows/conversation/status-rules.js';
import type { Transition } from '../../../workflows/conversation/state.js';
import { activityMessage, transitionEvent } from '../../domain/activity-messages.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { notifyParticipantsOfReopening } from '../notifications/conversation-events.js';
import { syncConversationReporting } from '../reports/sync.js';

/**
 * Writes a status change the lifecycle workflow decided on, with its activity message, in one
 * transaction. The activity message's echo id is the idempotency key: a retried activity finds it
 * and changes nothing, so each transition is recorded exactly once.
 *
 * A customer message stored between the workflow's decision to resolve or snooze and this commit saw
 * the conversation still open, so it queued no lifecycle notice. Under the row lock, every such
 * message is found and handed back to the workflow (a retry finds them again). Messages that arrive
 * later wait on the lock in their own statement, then see the new status and queue their notice.
 */
export async function applyConversationTransition(
  deps: RouterNoticeDeps,
  input: { accountId: number; conversationId: number; idempotencyKey: string; transition: Transition },
): Promise<{ applied: boolean; webhookEvents?: number[]; csatSurveyId?: number; digestUserIds?: number[] } & TransitionOutcome> {
  const { transition } = input;
  // Leaving "open" frees the assignee's capacity; an unassigned conversation reopening waits for an agent: either way its inbox router looks again.
  return withRouterNotices(deps, 'capacity_freed', async (tx, notifyRouter) => {
    const [conversation] = await tx.select().from(conversations).where(eq(conversations.id, input.conversationId)).for('update');
    if (!conversation) return { applied: false, lateIncomingMessages: [], conversationGone: true };
    const lateIncomingMessages =
      transition.decidedAt && reopensOnIncomingMessage(transition.to)
        ? (
            await tx
              .select({ messageId: messages.id, sentAt: messages.createdAt })
              .from(messages)
              .where(and(eq(messages.conversationId, conversation.id), eq(messages.messageType, 'incoming'), gt(messages.createdAt, new Date(transition.decidedAt))))
              .orderBy(asc(messages.createdAt), asc(messages.id))
          ).map((late) => ({ messageId: late.messageId, sentAt: late.sentAt.toISOString() }))
        : [];
    const actorName =
      transition.actor.type === 'user'
        ? ((await tx.select({ name: sql<string>`coalesce(${users.displayName}, ${users.name})` }).from(users).where(eq(users.id, transition.actor.id)))[0]?.name ?? null)
        : null;
    const [activity] = await tx
      .insert(messages)
      .values({
        accountId: conversation.accountId,
        conversationId: conversation.id,
        inboxId: conversation.inboxId,
        messageType: 'activity',
        ...activityMessage(transitionEvent(transition, actorName)),
        echoId: input.idempotencyKey,
        status: 'sent',
      })
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (!activity) {
      // A retry after the commit: the survey queued then may still need its workflow.
      const survey = transition.to === 'resolved' ? await findCsatSurveyByConversation(tx, conversation.id) : undefined;
      return { applied: false, lateIncomingMessages, ...(survey?.status === 'pending' ? { csatSurveyId: survey.id } : {}) };
    }
    await tx
      .update(conversations)
      .set({
        status: transition.to,
        snoozedUntil: transition.snoozedUntil ? new Date(transition.snoozedUntil) : null,
        ...(transition.muted !== undefined ? { muted: transition.muted } : {}),
        updatedAt: sql`now()`,
        // Reopening by the customer starts a new wait for the team.
        waitingSince: transition.reason === 'incoming_message' ? sql`coalesce(${conversations.waitingSince}, now())` : conversations.waitingSince,
      })
      .where(eq(conversations.id, conversation.id));
    // A resolution is a reporting event, recorded with the status change (its activity message is the source).
    await syncConversationReporting(tx, conversation.id);
    const base = { accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id };
    if ((conversation.status === 'open') !== (transition.to === 'open')) await notifyRouter([{ accountId: conversation.accountId, inboxId: conversation.inboxId }]);
    const digestUserIds =
      transition.to === 'open' && conversation.status !== 'open'
        ? await notifyParticipantsOfReopening(tx, { conversation, actorUserId: transition.actor.type === 'user' ? transition.actor.id : null, activityMessageId: activity.id })
        : [];
    await publishLiveEvent(tx, { type: 'conversation.status_changed', ...base });
    await publishLiveEvent(tx, { type: 'message.created', ...base, messageId: activity.id });
    // Drained by the activity after commit, or by the worker's webhook sweeper if it dies first.
    const subject = { conversationId: conversation.id, inboxId: conversation.inboxId };
    const webhookEvents = await captureWebhookEvents(tx, conversation.accountId, [
      { event: 'conversation_status_changed', subject },
      { event: 'conversation_updated', subject: { ...subject, changedAttributes: { status: { previous_value: conversation.status, current_value: transition.to } } } },
      { event: 'message_created', subject: { ...subject, messageId: activity.id } },
    ]);
    const csatSurveyId = await surveyOnTransition(tx, conversation, transition.to);
    return { applied: true, lateIncomingMessages, webhookEvents, csatSurveyId, digestUserIds };
  });
}

/**
 * CSAT rides on the status change's transaction: resolving in an inbox with surveys on queues one
 * (sent by the csat-<id> workflow), anything else withdraws one still unanswered.
 */
async function surveyOnTransition(tx: DatabaseOrTransaction, conversation: typeof conversations.$inferSelect, to: Transition['to']): Promise<number | undefined> {
  if (to !== 'resolved') {
    await withdrawCsatSurvey(tx, conversation.id);
    return undefined;
  }
  const [inbox] = await tx.select({ csatSurveyEnabled: inboxes.csatSurveyEnabled }).from(inboxes).where(eq(inboxes.id, conversation.inboxId));
  if (!inbox?.csatSurveyEnabled) return undefined;
  const survey = await queueCsatSurvey(tx, {
    accountId: conversation.accountId,
    conversationId: conversation.id,
    inboxId: conversation.inboxId,
    contactId: conversation.contactId,
    assigneeId: conversation.assigneeId,
  });
  return survey?.status === 'pending' ? survey.id : undefined;
}
