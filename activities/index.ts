import type { Client } from '@temporalio/client';
import type { ChannelSecrets } from '../core/auth/channel-secrets.js';
import { createScheduledActivities } from './scheduled.js';
import type { BlobStore } from '../core/storage/index.js';
import type { Database } from '../db/client.js';
import type { Mailer } from '../core/services/mail/mailer.js';
import { readWebhookSettings, type WebhookSettings } from '../core/settings.js';
import { createAutomationActivities } from './automation.js';
import { createConversationActivities } from './conversation.js';
import { createInboxRouterActivities } from './inbox-router.js';
import { createWebhookActivities } from './webhooks.js';
import { createCsatActivities } from './csat.js';
import { createDigestActivities } from './dm-digest.js';
import { createOutboundActivities } from './outbound.js';
import { drainWebhookEventsSoon } from '../core/services/webhooks/drain.js';
import { createMailboxActivities } from './mailbox.js';
import { createContactImportActivities } from './contact-import.js';

/**
 * Every activity the worker registers, built once at start with its dependencies. The Temporal
 * client is for activities that call workflows (a rule resolving, a webhook delivery, a CSAT survey,
 * a status change waking the inbox router at once); the mailer sends CSAT links and notification digests.
 */
export function createActivities(deps: {
  db: Database;
  temporal: Client;
  taskQueue: string;
  webhooks?: WebhookSettings;
  csatSurveyValidityMs?: number;
  notificationDigestDelayMs?: number;
  mailer?: Mailer;
  publicUrl?: string;
  /** Attachments for outgoing mail and imported ones. */
  storage: BlobStore;
  /** Reads inboxes' SMTP/IMAP passwords (CHANNEL_SECRETS_KEY). */
  channelSecrets: ChannelSecrets | undefined;
}) {
  const webhooks = deps.webhooks ?? readWebhookSettings();
  return {
    ...createConversationActivities({ ...deps, webhooks }),
    ...createAutomationActivities({ ...deps, webhooks }),
    ...createWebhookActivities({ db: deps.db, webhooks }),
    ...createCsatActivities({ ...deps, webhooks }),
    ...createInboxRouterActivities(deps),
    ...createDigestActivities({ ...deps, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }),
    ...createOutboundActivities({
      db: deps.db,
      storage: deps.storage,
      secrets: deps.channelSecrets,
      mailer: deps.mailer,
      drainWebhookEvents: (outboxIds) => drainWebhookEventsSoon({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, webhooks }, outboxIds),
    }),
    ...createMailboxActivities({
      db: deps.db,
      storage: deps.storage,
      secrets: deps.channelSecrets,
      digests: { temporal: deps.temporal, config: { taskQueue: deps.taskQueue, notificationDigestDelayMs: deps.notificationDigestDelayMs } },
    }),
    ...createScheduledActivities({ db: deps.db, storage: deps.storage, temporal: deps.temporal }),
    ...createContactImportActivities({
      db: deps.db,
      storage: deps.storage,
      drainWebhookEvents: (outboxIds) => drainWebhookEventsSoon({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, webhooks }, outboxIds),
    }),
  };
}
