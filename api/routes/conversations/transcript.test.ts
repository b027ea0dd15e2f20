import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { createMailer } from '../../../core/services/mail/mailer.js';
import { outboundWorkflowId } from '../../../workflows/outbound/definitions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('emailing a conversation transcript', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let account: TestAccount;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ mailer: createMailer({ smtpUrl: `smtp://${smtp.host}:${smtp.port}`, from: 'Parley <no-reply@parley.test>' }) });
    account = await createTestAccount(stack);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('sends the public messages and their files once, leaving out private notes', async () => {
    const agent = apiClient(stack, account.agent.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Tess', email: 'tess@customer.example' });
    const conversation = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const path = `${base}/conversations/${conversation.body.id}`;
    await agent.post(`${path}/messages`, { content: 'Where is my parcel?', message_type: 'incoming' });
    await agent.post(`${path}/messages`, { content: 'Internal: courier lost it', private: true });
    const form = new FormData();
    form.set('content', 'Here is the tracking note');
    form.append('attachments[]', new File([Buffer.from('TRACKING 123')], 'tracking.txt', { type: 'text/plain' }));
    expect((await agent.post(`${path}/messages`, form)).status).toBe(200);

    const requested = await agent.post(`${path}/transcript`, {});
    expect(requested.status).toBe(200);
    expect(requested.body.email).toBe('tess@customer.example');
    expect(await stack.temporal.workflow.getHandle(outboundWorkflowId(requested.body.message_id)).result()).toBe('sent');

    const [mail, ...others] = smtp.accepted.filter((received) => received.to.includes('tess@customer.example'));
    expect(others).toHaveLength(0);
    expect(smtp.header(mail, 'Subject')).toContain(`Transcript of conversation #${conversation.body.id}`);
    expect(mail.raw).toContain('Where is my parcel?');
    expect(mail.raw).toContain('Here is the tracking note');
    expect(mail.raw).not.toContain('courier lost it');
    expect(mail.raw).toContain('tracking.txt');
    expect(mail.raw).toContain(Buffer.from('TRACKING 123').toString('base64'));

    const another = await agent.post(`${path}/transcript`, { email: 'boss@customer.example' });
    expect(await stack.temporal.workflow.getHandle(outboundWorkflowId(another.body.message_id)).result()).toBe('sent');
    expect(smtp.accepted.filter((received) => received.to.includes('boss@customer.example'))).toHaveLength(1);
    const bad = await agent.post(`${path}/transcript`, { email: 'not-an-address' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('email');
  });
});
