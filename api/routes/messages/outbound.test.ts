import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { outboundWorkflowId } from '../../../workflows/outbound/definitions.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { startTestSmtpServer, type SmtpVerdict, type TestSmtpServer } from '../../../tests/support/smtp.js';
import { startVisitor } from '../../../tests/support/visitor.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest();

/** The workflow's own answer: how the delivery ended, once it has. */
const deliveryOutcome = (stack: { temporal: import('@temporalio/client').Client }, messageId: number) =>
  stack.temporal.workflow.getHandle(outboundWorkflowId(messageId)).result() as Promise<string>;

describe('outgoing messages in a widget inbox with a send-interruption window', () => {
  it('wait with a clock, hidden from the visitor, then are sent and shown', async ({ stack, account, client, base }) => {
    expect((await client.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { send_window_seconds: 1 } })).status).toBe(200);
    const visitor = await startVisitor(stack, account, '10.80.0.1');
    const conversationId = await visitor.startConversation();
    const reply = await client.post(`${base}/conversations/${conversationId}/messages`, { content: 'We are on it' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('scheduled');
    expect(reply.body.send_after).toBeGreaterThanOrEqual(reply.body.created_at);
    const visible = async () => (await visitor.client.get(`${visitor.contactPath}/conversations/${conversationId}/messages`)).body.map((m: { id: number }) => m.id);
    expect(await visible()).not.toContain(reply.body.id);

    expect(await deliveryOutcome(stack, reply.body.id)).toBe('sent');
    const stored = (await client.get(`${base}/conversations/${conversationId}/messages`)).body.payload.find((m: { id: number }) => m.id === reply.body.id);
    expect(stored.status).toBe('sent');
    expect(await visible()).toContain(reply.body.id);
    // The window is over: too late to interrupt.
    expect((await client.post(`${base}/conversations/${conversationId}/messages/${reply.body.id}/interrupt`)).status).toBe(409);
  });

  it('interrupted in the window, is never shown and gives its text back', async ({ stack, account, client, base }) => {
    expect((await client.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { send_window_seconds: 30 } })).status).toBe(200);
    const visitor = await startVisitor(stack, account, '10.80.0.2');
    const conversationId = await visitor.startConversation();
    const reply = await client.post(`${base}/conversations/${conversationId}/messages`, { content: 'Oops, wrong customer' });
    const interrupted = await client.post(`${base}/conversations/${conversationId}/messages/${reply.body.id}/interrupt`);
    expect(interrupted.status).toBe(200);
    expect(interrupted.body).toMatchObject({ status: 'interrupted', content: 'Oops, wrong customer' });
    expect(await deliveryOutcome(stack, reply.body.id)).toBe('interrupted');
    const messages = (await visitor.client.get(`${visitor.contactPath}/conversations/${conversationId}/messages`)).body;
    expect(messages.map((m: { id: number }) => m.id)).not.toContain(reply.body.id);
    // Interrupting twice answers the same; a private note is not a delivery.
    expect((await client.post(`${base}/conversations/${conversationId}/messages/${reply.body.id}/interrupt`)).body.status).toBe('interrupted');
    const note = await client.post(`${base}/conversations/${conversationId}/messages`, { content: 'internal', private: true });
    expect(note.body.status).toBe('sent');
  });

  it('another inbox’s message cannot be interrupted (404), and a bad id is a 422 naming it', async ({ stack, account, base }) => {
    const outsider = apiClient(stack, account.outsider.token);
    const visitor = await startVisitor(stack, account, '10.80.0.3');
    const conversationId = await visitor.startConversation();
    expect((await outsider.post(`${base}/conversations/${conversationId}/messages/1/interrupt`)).status).toBe(404);
    const bad = await outsider.post(`${base}/conversations/${conversationId}/messages/abc/interrupt`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('message_id');
  });
});

describe('an email inbox sends every agent message as a threaded mail over its SMTP server', () => {
  let smtp: TestSmtpServer;
  let verdicts: Array<SmtpVerdict> = [];
  beforeAll(async () => {
    smtp = await startTestSmtpServer({ decide: () => verdicts.shift() ?? { accept: true } });
  });
  afterAll(() => smtp?.close());

  /** An email inbox on the test's SMTP server, a contact with an address, and their conversation that began with the customer's mail. */
  const emailConversation = async ({ stack, account, client, base }: { stack: any; account: any; client: any; base: string }, windowSeconds: number) => {
    const suffix = randomUUID().slice(0, 8);
    const inbox = await client.post(`${base}/inboxes`, {
      name: 'Support mail',
      channel: { type: 'email', email: `support-${suffix}@shop.example`, send_window_seconds: windowSeconds, smtp_address: smtp.host, smtp_port: smtp.port, smtp_login: 'parley', smtp_password: 'smtp-secret' },
    });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ smtp_address: smtp.host, smtp_port: smtp.port, send_window_seconds: windowSeconds });
    expect(JSON.stringify(inbox.body)).not.toContain('smtp-secret');
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Carla', email: `carla-${suffix}@customer.example` });
    const conversation = await client.post(`${base}/conversations`, { inbox_id: inbox.body.id, contact_id: contact.id, additional_attributes: { mail_subject: 'Broken kettle' } });
    expect(conversation.status).toBe(200);
    const customerMessageId = `<kettle-${suffix}@customer.example>`;
    await client.post(`${base}/conversations/${conversation.body.id}/messages`, { content: 'My kettle broke', message_type: 'incoming', source_id: customerMessageId });
    return { inboxId: inbox.body.id as number, conversationId: conversation.body.id as number, contactEmail: contact.email!, customerMessageId };
  };
  const mailsTo = (address: string) => smtp.accepted.filter((mail) => mail.to.includes(address));

  it('a reply arrives once, with the signature, the subject and In-Reply-To', async ({ stack, account, client, base }) => {
    const context = { stack, account, client, base };
    const mail = await emailConversation(context, 0);
    expect((await client.put(`${base}/inboxes/${mail.inboxId}/signatures`, { user_id: null, body: 'The Kettle Team', enabled: true })).status).toBe(200);
    const reply = await client.post(`${base}/conversations/${mail.conversationId}/messages`, { content: 'A new one is on its way', content_attributes: { cc_emails: ['boss@customer.example'] } });
    expect(reply.body.status).toBe('queued');
    expect(await deliveryOutcome(stack, reply.body.id)).toBe('sent');
    const received = mailsTo(mail.contactEmail);
    expect(received).toHaveLength(1);
    expect(smtp.header(received[0], 'Subject')).toBe('Re: Broken kettle');
    expect(smtp.header(received[0], 'In-Reply-To')).toBe(mail.customerMessageId);
    expect(smtp.header(received[0], 'Cc')).toContain('boss@customer.example');
    expect(received[0].raw).toContain('The Kettle Team');
    // The password was stored encrypted and read back for the login.
    expect(smtp.logins).toContainEqual({ username: 'parley', password: 'smtp-secret' });
    const stored = (await client.get(`${base}/conversations/${mail.conversationId}/messages`)).body.payload.find((m: { id: number }) => m.id === reply.body.id);
    expect(stored.status).toBe('sent');
    expect(smtp.header(received[0], 'Message-ID')).toBe(stored.source_id);
  });

  it('an agent’s own signature wins over the general one', async ({ stack, account, client, base }) => {
    const context = { stack, account, client, base };
    const mail = await emailConversation(context, 0);
    await client.put(`${base}/inboxes/${mail.inboxId}/signatures`, { user_id: null, body: 'General signature', enabled: true });
    await client.put(`${base}/inboxes/${mail.inboxId}/signatures`, { user_id: account.admin.id, body: 'Ada, head of kettles', enabled: true });
    const listed = await client.get(`${base}/inboxes/${mail.inboxId}/signatures`);
    expect(listed.body.payload).toHaveLength(2);
    const reply = await client.post(`${base}/conversations/${mail.conversationId}/messages`, { content: 'Signed by me' });
    await deliveryOutcome(stack, reply.body.id);
    const [received] = mailsTo(mail.contactEmail);
    expect(received.raw).toContain('Ada, head of kettles');
    expect(received.raw).not.toContain('General signature');
  });

  it('interrupted in its window, nothing reaches the server; not interrupted, it arrives once', async ({ stack, account, client, base }) => {
    const context = { stack, account, client, base };
    const mail = await emailConversation(context, 30);
    const reply = await client.post(`${base}/conversations/${mail.conversationId}/messages`, { content: 'Wrong attachment, sorry' });
    expect(reply.body.status).toBe('scheduled');
    expect((await client.post(`${base}/conversations/${mail.conversationId}/messages/${reply.body.id}/interrupt`)).body.status).toBe('interrupted');
    expect(await deliveryOutcome(stack, reply.body.id)).toBe('interrupted');

    const other = await emailConversation(context, 1);
    const sent = await client.post(`${base}/conversations/${other.conversationId}/messages`, { content: 'This one goes' });
    expect(await deliveryOutcome(stack, sent.body.id)).toBe('sent');
    expect(mailsTo(mail.contactEmail)).toHaveLength(0);
    expect(mailsTo(other.contactEmail)).toHaveLength(1);
  });

  it('a server refusing for a while (4xx) gets the mail once it accepts; a 5xx fails it with the server’s reason, and retry sends it', async ({ stack, account, client, base }) => {
    const context = { stack, account, client, base };
    const mail = await emailConversation(context, 0);
    verdicts = [
      { accept: false, code: 451, message: '4.3.0 Try again later' },
      { accept: false, code: 451, message: '4.3.0 Try again later' },
    ];
    const reply = await client.post(`${base}/conversations/${mail.conversationId}/messages`, { content: 'Persistence pays' });
    expect(await deliveryOutcome(stack, reply.body.id)).toBe('sent');
    expect(mailsTo(mail.contactEmail)).toHaveLength(1);

    verdicts = [{ accept: false, code: 550, message: '5.1.1 Mailbox unavailable' }];
    const refused = await client.post(`${base}/conversations/${mail.conversationId}/messages`, { content: 'Into the void' });
    expect(await deliveryOutcome(stack, refused.body.id)).toBe('failed');
    const failed = (await client.get(`${base}/conversations/${mail.conversationId}/messages`)).body.payload.find((m: { id: number }) => m.id === refused.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.external_error).toContain('Mailbox unavailable');

    const retried = await client.post(`${base}/conversations/${mail.conversationId}/messages/${refused.body.id}/retry`);
    expect(retried.body.status).toBe('queued');
    await waitUntil(async () => mailsTo(mail.contactEmail).length === 2, 'the retried mail to arrive');
    expect((await client.post(`${base}/conversations/${mail.conversationId}/messages/${refused.body.id}/retry`)).status).toBe(409);
  });
});
