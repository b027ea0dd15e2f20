import type { Database } from '../../../db/client.js';
import { findCsatSurveyByUuid, recordCsatAnswer } from '../../../db/queries/csat.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conflict, notFound } from '../../errors.js';
import { serializePublicCsatSurvey } from '../../serializers/csat.js';

export async function showPublicCsatSurvey(deps: { db: Database }, uuid: string) {
  const survey = await findCsatSurveyByUuid(deps.db, uuid);
  // A pending survey was not sent yet: nobody holds its link.
  if (!survey || survey.status === 'pending') throw notFound('Survey');
  return serializePublicCsatSurvey(survey);
}

/**
 * The customer's rating (1–5) and optional feedback. One answer per conversation: answering again
 * while the survey is open replaces it; a withdrawn or expired survey refuses (409).
 */
export async function answerPublicCsatSurvey(deps: { db: Database }, input: { uuid: string; rating: number; feedback: string | null }) {
  const answered = await recordCsatAnswer(deps.db, input);
  if (answered) {
    await publishLiveEvent(deps.db, { type: 'conversation.updated', accountId: answered.accountId, inboxId: answered.inboxId, conversationId: answered.conversationId });
    return serializePublicCsatSurvey(answered);
  }
  const survey = await findCsatSurveyByUuid(deps.db, input.uuid);
  if (!survey || survey.status === 'pending') throw notFound('Survey');
  if (survey.status === 'withdrawn') throw conflict('This survey was withdrawn: the conversation was reopened', 'csat_survey');
  throw conflict('This survey has expired and no longer takes answers', 'csat_survey');
}
