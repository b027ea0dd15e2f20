import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { outboundWorkflowId } from '../../workflows/outbound/definitions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';
import { deferred } from '../support/wait.js';
import { workerProcesses } from '../support/worker-process.js';

/**
 * The real worker process killed with SIGKILL while it is sending a mail: the SMTP server has read
 * the whole mail and holds its answer, so the sender dies before hearing it (a server never keeps a
 * mail it did not acknowledge). The restarted worker's retry sends it again, under the same
 * Message-ID, and the server receives it exactly once.
 */
describe('the worker is killed just as a mail is being sent', () => {
  let stack: TestStack;
  let account: TestAccount;
  let smtp: TestSmtpServer;
  const firstAttemptHeld = deferred();
  const senderGone = deferred();
  const workers = workerProcesses(() => stack);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    smtp = await startTestSmtpServer({
      // The first attempt's answer waits until its sender has been killed.
      decide: async (attempt) => {
        if (attempt > 1) return { accept: true };
        firstAttemptHeld.resolve();
        await senderGone.promise;
        return { accept: false, code: 421, message: 'sender gone' };
      },
    });
  });
  afterAll(async () => {
    workers.killAll();
    await smtp?.close();
    await stack?.close();
  });

  it('the mail is received once, and the message ends sent', { timeout: 180_000 }, async () => {
    const client = apiClient(stack, account.admin.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const suffix = randomUUID().slice(0, 8);
    const inbox = await client.post(`${base}/inboxes`, {
      name: 'Crash mail',
      channel: { type: 'email', email: `crash-${suffix}@shop.example`, send_window_seconds: 0, smtp_address: smtp.host, smtp_port: smtp.port },
    });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Dora', email: `dora-${suffix}@customer.example` });
    const conversation = await client.post(`${base}/conversations`, { inbox_id: inbox.body.id, contact_id: contact.id, additional_attributes: { mail_subject: 'Order 7' } });
    const first = await workers.start();
    const reply = await client.post(`${base}/conversations/${conversation.body.id}/messages`, { content: 'Shipped today' });
    expect(reply.status).toBe(200);

    await firstAttemptHeld.promise;
    await workers.kill(first);
    senderGone.resolve();
    await workers.start();

    const outcome = await stack.temporal.workflow.getHandle(outboundWorkflowId(reply.body.id)).result();
    expect(outcome).toBe('sent');
    expect(smtp.accepted.filter((mail) => mail.to.includes(contact.email!))).toHaveLength(1);
    expect(smtp.attempts).toBe(2);
    const stored = (await client.get(`${base}/conversations/${conversation.body.id}/messages`)).body.payload.find((m: { id: number }) => m.id === reply.body.id);
    expect(stored.status).toBe('sent');
    expect(smtp.header(smtp.accepted[0], 'Message-ID')).toBe(stored.source_id);
  });
});
