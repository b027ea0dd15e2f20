import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { startVisitor } from '../../../tests/support/visitor.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest();

/** The visitor's conversation, resolved by an administrator; resolves with the survey card's uuid once the widget shows it. */
async function resolveAndFindSurvey(visitor: Awaited<ReturnType<typeof startVisitor>>, client: any, base: string, displayId: number) {
  expect((await client.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' })).status).toBe(200);
  let uuid: string | undefined;
  await waitUntil(async () => {
    const messages = await visitor.client.get(`${visitor.contactPath}/conversations/${displayId}/messages`);
    const card = (messages.body as any[]).filter((message) => message.content_type === 'input_csat').at(-1);
    uuid = card?.content_attributes?.csat_survey_uuid;
    return uuid !== undefined && (await visitor.client.get(`/public/api/v1/csat_survey/${uuid}`)).body.status === 'sent';
  }, 'the rating card in the widget');
  return uuid!;
}

it('asks for a rating when an agent resolves, takes one answer (an edit replaces it), and the report counts it', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  expect((await client.patch(`${base}/inboxes/${account.inbox.id}`, { csat_survey_enabled: true })).body.csat_survey_enabled).toBe(true);
  const visitor = await startVisitor(stack, account, '10.78.0.1', { name: 'Happy Customer', email: 'happy@example.test' });
  const displayId = await visitor.startConversation();
  const uuid = await resolveAndFindSurvey(visitor, client, base, displayId);

  const survey = await visitor.client.get(`/public/api/v1/csat_survey/${uuid}`);
  expect(survey.body).toMatchObject({ id: uuid, status: 'sent', rating: null, can_answer: true });
  const first = await visitor.client.put(`/public/api/v1/csat_survey/${uuid}`, { rating: 3 });
  expect(first.status).toBe(200);
  const edited = await visitor.client.put(`/public/api/v1/csat_survey/${uuid}`, { rating: 5, feedback_message: 'Quick and kind, thank you!' });
  expect(edited.body).toMatchObject({ status: 'answered', rating: 5, feedback_message: 'Quick and kind, thank you!', can_answer: true });
  const bad = await visitor.client.put(`/public/api/v1/csat_survey/${uuid}`, { rating: 6 });
  expect(bad.status).toBe(422);
  expect(bad.body.error.field).toBe('rating');

  const metrics = await client.get(`${base}/csat_survey_responses/metrics`);
  expect(metrics.body).toEqual({
    total_count: 1,
    total_sent_messages_count: 1,
    ratings_count: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 },
    satisfaction_score: 100,
    response_rate: 100,
  });
  const responses = await client.get(`${base}/csat_survey_responses`);
  expect(responses.body).toHaveLength(1);
  expect(responses.body[0]).toMatchObject({ rating: 5, feedback_message: 'Quick and kind, thank you!', conversation_id: displayId, contact: { name: 'Happy Customer' } });
  const csv = await client.get(`${base}/csat_survey_responses/download`);
  expect(csv.headers.get('content-type')).toContain('text/csv');
  expect(csv.body).toContain('"Quick and kind, thank you!"');
  // Another agent's filter leaves it out; an old period too.
  expect((await client.get(`${base}/csat_survey_responses/metrics?user_ids=${account.outsider.id}`)).body.total_count).toBe(0);
  const lastMonth = Math.floor(Date.now() / 1000) - 40 * 86400;
  expect((await client.get(`${base}/csat_survey_responses/metrics?since=${lastMonth}&until=${lastMonth + 86400}`)).body.total_count).toBe(0);
});

it('withdraws the survey when the conversation is reopened before an answer, and asks again at the next resolve', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  await client.patch(`${base}/inboxes/${account.inbox.id}`, { csat_survey_enabled: true });
  const visitor = await startVisitor(stack, account, '10.78.0.2', { name: 'Changed Mind' });
  const displayId = await visitor.startConversation();
  const uuid = await resolveAndFindSurvey(visitor, client, base, displayId);
  expect((await client.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'open' })).status).toBe(200);
  await waitUntil(async () => (await visitor.client.get(`/public/api/v1/csat_survey/${uuid}`)).body.status === 'withdrawn', 'the survey to be withdrawn');
  const refused = await visitor.client.put(`/public/api/v1/csat_survey/${uuid}`, { rating: 1 });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toContain('withdrawn');

  const again = await resolveAndFindSurvey(visitor, client, base, displayId);
  expect(again).toBe(uuid);
  expect((await visitor.client.put(`/public/api/v1/csat_survey/${uuid}`, { rating: 4 })).status).toBe(200);
  const cards = (await visitor.client.get(`${visitor.contactPath}/conversations/${displayId}/messages`)).body.filter((message: any) => message.content_type === 'input_csat');
  expect(cards).toHaveLength(2);
});

it('sends no survey where CSAT is off (the default), and only administrators read the report', async ({ stack, account, client, base }) => {
  const fresh = await client.post(`${base}/inboxes`, { name: 'No CSAT', channel: { type: 'web_widget', website_url: 'https://no-csat.example' } });
  expect(fresh.body.csat_survey_enabled).toBe(false);
  const agent = (await import('../../../tests/support/stack.js')).apiClient(stack, account.agent.token);
  expect((await agent.get(`${base}/csat_survey_responses/metrics`)).status).toBe(403);
  expect((await agent.get(`${base}/csat_survey_responses`)).status).toBe(403);
  expect((await client.get(`/public/api/v1/csat_survey/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
});
