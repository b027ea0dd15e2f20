import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { Mailer } from '../core/services/mail/mailer.js';
import { readWebhookSettings, type WebhookSettings } from '../core/settings.js';
import { createAutomationActivities } from './automation.js';
import { createConversationActivities } from './conversation.js';
import { createInboxRouterActivities } from './inbox-router.js';
import { createWebhookActivities } from './webhooks.js';
import { createCsatActivities } from './csat.js';
import { createDigestActivities } from './dm-digest.js';

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
  mailer?: Mailer;
  publicUrl?: string;
}) {
  const webhooks = deps.webhooks ?? readWebhookSettings();
  return {
    ...createConversationActivities({ ...deps, webhooks }),
    ...createAutomationActivities(deps),
    ...createWebhookActivities({ db: deps.db, webhooks }),
    ...createCsatActivities({ ...deps, webhooks }),
    ...createInboxRouterActivities(deps),
    ...createDigestActivities({ ...deps, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }),
  };
}
