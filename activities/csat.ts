import type { Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import type { WebhookSettings } from '../core/settings.js';
import type { Mailer } from '../core/services/mail/mailer.js';
import { closeCsatSurvey, sendCsatSurvey } from '../core/services/csat/survey.js';
import type { CsatActivities } from '../workflows/csat/definitions.js';

/** The CSAT survey workflow's activities: send the rating card once, close the survey at its end. */
export function createCsatActivities(deps: { db: Database; temporal?: Client; webhooks?: WebhookSettings; mailer?: Mailer; publicUrl?: string }): CsatActivities {
  return {
    sendCsatSurvey: (input) =>
      sendCsatSurvey(
        {
          db: deps.db,
          mailer: deps.mailer,
          publicUrl: deps.publicUrl,
          webhookDrain: deps.temporal ? { db: deps.db, temporal: deps.temporal, taskQueue: Context.current().info.taskQueue, webhooks: deps.webhooks } : undefined,
        },
        input,
      ),
    closeCsatSurvey: (input) => closeCsatSurvey(deps, input),
  };
}
