import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { expireCsatSurvey, findCsatSurvey } from '../../../db/queries/csat.js';
import { conversations, csatSurveys } from '../../../db/schema/index.js';
import { csatSurveyWorkflowType, csatWorkflowId, type CsatSurveyInput } from '../../../workflows/csat/definitions.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { recordMessage } from '../messages/record.js';
import { drainWebhookEventsSoon, type WebhookDrainDeps } from '../webhooks/drain.js';

/** How long a customer may answer (and change their answer) after the survey is sent; CSAT_SURVEY_EXPIRY. */
export const defaultCsatSurveyValidityMs = 7 * 24 * 60 * 60 * 1000;

/** The question the card asks; the card itself is the widget's (content type input_csat). */
export const csatSurveyQuestion = 'Please rate this conversation';

/**
 * Starts `csat-<conversationId>` for a queued survey. A run still waiting on an older survey
 * (withdrawn, then resolved again) is replaced: the survey row decides what is sent, so a
 * replaced run can never send twice.
 */
export async function startCsatSurvey(deps: { temporal: Client; taskQueue: string }, input: CsatSurveyInput) {
  try {
    await deps.temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
      deps.temporal.workflow.start(csatSurveyWorkflowType, {
        workflowId: csatWorkflowId(input.conversationId),
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'TERMINATE_EXISTING',
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Sends a queued survey: the rating card as an input_csat message in the conversation, written
 * with the survey's change in one transaction under the survey's row lock. `sendKey` (the run) is
 * the message's echo id, so a retried activity finds its message instead of adding one.
 */
export async function sendCsatSurvey(
  deps: { db: Database; webhookDrain?: WebhookDrainDeps },
  input: { surveyId: number; validityMs: number; sendKey: string },
): Promise<{ expiresAt: string } | null> {
  const result = await deps.db.transaction(async (tx) => {
    const [survey] = await tx.select().from(csatSurveys).where(eq(csatSurveys.id, input.surveyId)).for('update');
    if (!survey) return null;
    if (survey.status === 'sent' || survey.status === 'answered') return { expiresAt: survey.expiresAt!.toISOString(), webhookEvents: [] as number[] };
    if (survey.status !== 'pending') return null;
    const [conversation] = await tx.select().from(conversations).where(eq(conversations.id, survey.conversationId));
    if (!conversation || conversation.status !== 'resolved') return null;
    const message = await recordMessage(tx, {
      conversation,
      messageType: 'template',
      contentType: 'input_csat',
      content: csatSurveyQuestion,
      contentAttributes: { csat_survey_uuid: survey.uuid },
      echoId: `csat:${input.sendKey}`,
      sender: null,
    });
    const expiresAt = new Date(Date.now() + input.validityMs);
    await tx.update(csatSurveys).set({ status: 'sent', messageId: message.id, sentAt: new Date(), expiresAt, updatedAt: new Date() }).where(eq(csatSurveys.id, survey.id));
    return { expiresAt: expiresAt.toISOString(), webhookEvents: message.created ? message.webhookEventIds : [] };
  });
  if (!result) return null;
  if (deps.webhookDrain) drainWebhookEventsSoon(deps.webhookDrain, result.webhookEvents);
  return { expiresAt: result.expiresAt };
}

export async function closeCsatSurvey(deps: { db: Database }, input: { surveyId: number }) {
  const survey = await findCsatSurvey(deps.db, input.surveyId);
  if (survey?.status === 'sent' && survey.expiresAt && survey.expiresAt <= new Date()) await expireCsatSurvey(deps.db, survey.id);
}
