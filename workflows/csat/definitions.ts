/** The workflow type name, declared once; services start surveys by it without importing workflow code. */
export const csatSurveyWorkflowType = 'csatSurveyWorkflow';
export const csatWorkflowId = (conversationId: number) => `csat-${conversationId}`;

export type CsatSurveyInput = { conversationId: number; surveyId: number; validityMs: number };

export type CsatActivities = {
  /** Sends the survey once per run (the rating card in the conversation); returns when it expires, or null when there is nothing to send. */
  sendCsatSurvey(input: { surveyId: number; validityMs: number; sendKey: string }): Promise<{ expiresAt: string } | null>;
  /** At the end of the validity: an unanswered survey expires; an answer stays. */
  closeCsatSurvey(input: { surveyId: number }): Promise<void>;
};
