import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { WebhookSettings } from '../core/settings.js';
import { drainWebhookEventsSoon } from '../core/services/webhooks/drain.js';
import { defaultCsatSurveyValidityMs, startCsatSurvey } from '../core/services/csat/survey.js';
import type { RouterNoticeDeps } from '../core/services/routing/router-notices.js';
import type { ConversationStatus as StoredStatus } from '../db/schema/index.js';
import { applyConversationTransition } from '../core/services/conversations/apply-transition.js';
import { scheduleDigests } from '../core/services/notifications/notify.js';
import { readAutoResolveDeadline } from '../core/services/conversations/auto-resolve.js';
import type { ConversationActivities, ConversationStatus as LifecycleStatus } from '../workflows/conversation/definitions.js';

// The workflow declares its statuses without importing db/; this fails to compile if the two lists drift apart.
const statusListsAgree: [StoredStatus] extends [LifecycleStatus] ? ([LifecycleStatus] extends [StoredStatus] ? true : false) : false = true;
void statusListsAgree;

/** Activities of the conversation lifecycle; each is idempotent, keyed by what the workflow passes. */
export function createConversationActivities({
  db,
  temporal,
  taskQueue,
  webhooks,
  csatSurveyValidityMs = defaultCsatSurveyValidityMs,
  notificationDigestDelayMs,
}: RouterNoticeDeps & {
  webhooks?: WebhookSettings;
  csatSurveyValidityMs?: number;
  /** NOTIFICATION_DIGEST_DELAY, for the digest a reopening's notifications start. */
  notificationDigestDelayMs?: number;
}): ConversationActivities {
  return {
    applyConversationTransition: async (input) => {
      const { lateIncomingMessages, conversationGone, webhookEvents, csatSurveyId, digestUserIds } = await applyConversationTransition({ db, temporal, taskQueue }, input);
      // Participants told of a reopening: their digest timers start (best effort, as for every notification).
      if (temporal && digestUserIds?.length) {
        await scheduleDigests({ temporal, config: { taskQueue: Context.current().info.taskQueue, notificationDigestDelayMs } }, digestUserIds);
      }
      // The survey is queued in the transition's transaction; a failed start fails the activity, whose retry starts it.
      if (temporal && csatSurveyId !== undefined) {
        await startCsatSurvey({ temporal, taskQueue: Context.current().info.taskQueue }, { conversationId: input.conversationId, surveyId: csatSurveyId, validityMs: csatSurveyValidityMs });
      }
      // The status change's webhook events go out now; without a client the worker's sweeper takes them.
      if (temporal && webhookEvents?.length) drainWebhookEventsSoon({ db, temporal, taskQueue: Context.current().info.taskQueue, webhooks }, webhookEvents);
      return { lateIncomingMessages, conversationGone };
    },
    readAutoResolveDeadline: (input) => readAutoResolveDeadline(db, input),
  };
}
