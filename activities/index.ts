import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { Mailer } from '../core/services/mail/mailer.js';
import { readWebhookSettings, type WebhookSettings } from '../core/settings.js';
import { createConversationActivities } from './conversation.js';
import { createWebhookActivities } from './webhooks.js';
import { createCsatActivities } from './csat.js';

/** Every activity the worker registers, built once at start with its dependencies. */
export function createActivities(deps: { db: Database; temporal?: Client; webhooks?: WebhookSettings; csatSurveyValidityMs?: number; mailer?: Mailer; publicUrl?: string }) {
  const webhooks = deps.webhooks ?? readWebhookSettings();
  return {
    ...createConversationActivities({ ...deps, webhooks }),
    ...createWebhookActivities({ db: deps.db, webhooks }),
    ...createCsatActivities({ ...deps, webhooks }),
  };
}
