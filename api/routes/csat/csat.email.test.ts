import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../../core/services/mail/mailer.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { bodyOf, startMailbox } from '../../../tests/support/mailbox.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

/** Outside the widget the survey goes by e-mail: a link to the public rating page, through a real SMTP server on loopback. */
describe('the CSAT survey by e-mail', () => {
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let stack: TestStack;
  let account: TestAccount;

  beforeAll(async () => {
    mailbox = await startMailbox();
    stack = await startTestStack({ mailer: createMailer({ smtpUrl: mailbox.url, from: 'Parley <no-reply@parley.test>' }) });
    account = await createTestAccount(stack);
  });
  afterAll(async () => {
    await stack?.close();
    await mailbox?.close();
  });

  it('mails a contact with an address a link to /survey/responses/{uuid}, which takes the answer', { timeout: 60_000 }, async () => {
    const client = apiClient(stack, account.admin.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    await client.patch(`${base}/inboxes/${account.apiInbox.id}`, { csat_survey_enabled: true });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Mailed Customer', email: 'mailed-customer@example.test' });
    const conversation = await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    expect((await client.post(`${base}/conversations/${conversation.body.id}/toggle_status`, { status: 'resolved' })).status).toBe(200);

    await waitUntil(async () => mailbox.mailTo('mailed-customer@example.test').length > 0, 'the survey e-mail');
    const [mail] = mailbox.mailTo('mailed-customer@example.test');
    const link = /http:\/\/localhost:3000\/survey\/responses\/([0-9a-f-]{36})/.exec(bodyOf(mail));
    expect(link).not.toBeNull();
    const answered = await apiClient(stack).put(`/public/api/v1/csat_survey/${link![1]}`, { rating: 4, feedback_message: 'Fine by mail' });
    expect(answered.status).toBe(200);
    expect((await client.get(`${base}/csat_survey_responses/metrics`)).body).toMatchObject({ total_count: 1, ratings_count: { '4': 1 } });
    expect(mailbox.mailTo('mailed-customer@example.test')).toHaveLength(1);
  });
});
