import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { startVisitor } from '../../../tests/support/visitor.js';
import { waitUntil } from '../../../tests/support/wait.js';

// Surveys that close a moment after they are sent, so the workflow's expiry is seen for real.
const it = apiTest({ csatSurveyValidityMs: 300 });

it('refuses an answer once the survey has expired', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  await client.patch(`${base}/inboxes/${account.inbox.id}`, { csat_survey_enabled: true });
  const visitor = await startVisitor(stack, account, '10.78.1.1', { name: 'Too Late' });
  const displayId = await visitor.startConversation();
  expect((await client.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' })).status).toBe(200);
  let uuid: string | undefined;
  await waitUntil(async () => {
    const messages = await visitor.client.get(`${visitor.contactPath}/conversations/${displayId}/messages`);
    uuid = (messages.body as any[]).find((message) => message.content_type === 'input_csat')?.content_attributes?.csat_survey_uuid;
    return uuid !== undefined;
  }, 'the rating card');
  const [survey] = await stack.sql`select id from csat_surveys where uuid = ${uuid!}`;
  await waitUntil(async () => (await stack.sql`select status from csat_surveys where id = ${survey.id}`)[0].status === 'expired', 'the survey workflow to close it');
  const refused = await visitor.client.put(`/public/api/v1/csat_survey/${uuid}`, { rating: 5 });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toContain('expired');
  expect((await visitor.client.get(`/public/api/v1/csat_survey/${uuid}`)).body).toMatchObject({ status: 'expired', can_answer: false });
  expect((await client.get(`${base}/csat_survey_responses/metrics`)).body).toMatchObject({ total_count: 0, total_sent_messages_count: 1, response_rate: 0 });
});
