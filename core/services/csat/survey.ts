import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { expireCsatSurvey, findCsatSurvey } from '../../../db/queries/csat.js';
import { contacts, conversations, csatSurveys, inboxes } from '../../../db/schema/index.js';
import type { Mailer } from '../mail/mailer.js';
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
  deps: { db: Database; webhookDrain?: WebhookDrainDeps; mailer?: Mailer; publicUrl?: string },
  input: { surveyId: number; validityMs: number; sendKey: string },
): Promise<{ expiresAt: string } | null> {
  const result = await deps.db.transaction(async (tx) => {
    const [survey] = await tx.select().from(csatSurveys).where(eq(csatSurveys.id, input.surveyId)).for('update');
    if (!survey) return null;
    if (survey.status === 'sent' || survey.status === 'answered') return { expiresAt: survey.expiresAt!.toISOString(), webhookEvents: [] as number[], survey };
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
    return { expiresAt: expiresAt.toISOString(), webhookEvents: message.created ? message.webhookEventIds : [], survey };
  });
  if (!result) return null;
  if (deps.webhookDrain) drainWebhookEventsSoon(deps.webhookDrain, result.webhookEvents);
  await emailSurveyLink(deps, result.survey.id);
  return { expiresAt: result.expiresAt };
}

/**
 * Outside the widget (where the card is shown live) the customer gets the survey by e-mail: a link to
 * the public rating page, sent through the system mailer to a contact with an address. Marked once
 * sent; a crash between sending and marking can send it again once (at least once, never lost).
 */
async function emailSurveyLink(deps: { db: Database; mailer?: Mailer; publicUrl?: string }, surveyId: number) {
  if (!deps.mailer || !deps.publicUrl) return;
  const [row] = await deps.db
    .select({ survey: csatSurveys, email: contacts.email, name: contacts.name, channelType: inboxes.channelType, inboxName: inboxes.name })
    .from(csatSurveys)
    .innerJoin(contacts, eq(contacts.id, csatSurveys.contactId))
    .innerJoin(inboxes, eq(inboxes.id, csatSurveys.inboxId))
    .where(eq(csatSurveys.id, surveyId));
  if (!row?.email || row.survey.emailedAt || row.survey.status !== 'sent' || row.channelType === 'web_widget') return;
  const link = `${deps.publicUrl.replace(/\/$/, '')}/survey/responses/${row.survey.uuid}`;
  await deps.mailer.send({
    to: row.email,
    subject: `How did we do? Rate your conversation with ${row.inboxName}`,
    text: `Hi ${row.name},\n\nYour conversation was resolved. Would you rate it? It takes a second:\n\n${link}\n\nThank you!\n`,
  });
  await deps.db.update(csatSurveys).set({ emailedAt: new Date() }).where(eq(csatSurveys.id, surveyId));
}

export async function closeCsatSurvey(deps: { db: Database }, input: { surveyId: number }) {
  const survey = await findCsatSurvey(deps.db, input.surveyId);
  if (survey?.status === 'sent' && survey.expiresAt && survey.expiresAt <= new Date()) await expireCsatSurvey(deps.db, survey.id);
}
