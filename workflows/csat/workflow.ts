import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { workflowNow } from '../clock.js';
import type { CsatActivities, CsatSurveyInput } from './definitions.js';

const { sendCsatSurvey, closeCsatSurvey } = proxyActivities<CsatActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * `csat-<conversationId>`: asks the customer to rate a resolved conversation, then keeps the
 * survey open for its validity (answers and edits go straight to Postgres) and closes it. A reopen
 * before the answer withdraws it in the reopen's own transaction; a later resolve starts a new run.
 */
export async function csatSurveyWorkflow(input: CsatSurveyInput): Promise<'expired' | 'skipped'> {
  const sent = await sendCsatSurvey({ surveyId: input.surveyId, validityMs: input.validityMs, sendKey: workflowInfo().runId });
  if (!sent) return 'skipped';
  const remaining = new Date(sent.expiresAt).getTime() - workflowNow();
  if (remaining > 0) await sleep(remaining);
  await closeCsatSurvey({ surveyId: input.surveyId });
  return 'expired';
}
