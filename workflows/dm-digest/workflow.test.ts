import { NativeConnection } from '@temporalio/worker';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorker } from '../../activities/worker.js';
import { addUserToAccount, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { createMailer } from '../../core/services/mail/mailer.js';
import { notifications } from '../../db/schema/index.js';
import { bodyOf, startMailbox } from '../../tests/support/mailbox.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../tests/support/stack.js';
import { waitUntil } from '../../tests/support/wait.js';
import { dmDigestWorkflowId } from './definitions.js';

const digestDelayMs = 1500;

/**
 * The e-mail digest on the run's real Temporal dev server, with the real activity on real Postgres
 * and a real SMTP server on loopback: what is counted is the mail people would receive.
 */
describe('the unread-notification e-mail digest (dm-digest-<userId>)', () => {
  let stack: TestStack;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let account: TestAccount;
  let base: string;
  let sender: ReturnType<typeof apiClient>;
  let stopWorker: () => Promise<void> = async () => {};

  const mailer = () => createMailer({ smtpUrl: mailbox.url, from: 'Parley <no-reply@parley.test>' });

  /** A worker of its own on the stack's task queue, which the test can stop and start again. */
  async function startWorker() {
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const { worker, close } = await createWorker({
      connection,
      namespace: 'default',
      taskQueue: stack.taskQueue,
      databaseUrl: inject('databaseUrl'),
      workflowBundlePath: inject('workflowBundlePath'),
      temporal: stack.temporal,
      mailer: mailer(),
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await close();
      await connection.close();
      stopWorker = async () => {};
    };
  }

  async function newRecipient(name: string) {
    const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const user = await addUserToAccount(stack.db, { accountId: account.account.id, name, email, password: account.password, role: 'agent' });
    return { ...user, email, client: apiClient(stack, await issueAccessToken(stack.db, user.id)) };
  }

  const digestRuns = async (userId: number) =>
    (await stack.temporal.workflow.getHandle(dmDigestWorkflowId(userId)).fetchHistory()).events!.filter((event) => event.activityTaskCompletedEventAttributes).length;

  const allEmailed = (userId: number) => async () =>
    (await stack.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), isNotNull(notifications.emailedAt)))).length > 0;

  beforeAll(async () => {
    mailbox = await startMailbox();
    stack = await startTestStack({ worker: false, mailer: mailer(), notificationDigestDelayMs: digestDelayMs });
    account = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
    sender = apiClient(stack, account.agent.token);
  });
  afterAll(async () => {
    await stopWorker();
    await stack?.close();
    await mailbox?.close();
  });

  it('mails each recipient exactly one digest of their unread messages after the delay', async () => {
    await startWorker();
    const rui = await newRecipient('Rui');
    const sara = await newRecipient('Sara');
    const conversation = await sender.post(`${base}/direct_conversations`, { user_ids: [rui.id, sara.id], content: 'Can you both look at the Lisbon listing?' });
    await sender.post(`${base}/direct_conversations/${conversation.body.id}/messages`, { content: 'And the Porto one.' });
    await waitUntil(async () => mailbox.mailTo(rui.email).length > 0 && mailbox.mailTo(sara.email).length > 0, 'both digests');
    await waitUntil(allEmailed(rui.id), "Rui's notifications marked e-mailed");
    await waitUntil(allEmailed(sara.id), "Sara's notifications marked e-mailed");
    for (const person of [rui, sara]) {
      const mails = mailbox.mailTo(person.email);
      expect(mails).toHaveLength(1);
      expect(bodyOf(mails[0])).toContain('Can you both look at the Lisbon listing?');
      expect(bodyOf(mails[0])).toContain('And the Porto one.');
      expect(bodyOf(mails[0])).toContain(`/app/accounts/${account.account.id}/direct-messages/${conversation.body.id}`);
    }
    // The sender was not notified of their own messages.
    expect(mailbox.mailTo(account.agent.email)).toHaveLength(0);
  });

  it('mails nothing to someone who read the conversation before the delay', async () => {
    const tiago = await newRecipient('Tiago');
    const conversation = await sender.post(`${base}/direct_conversations`, { user_ids: [tiago.id], content: 'Quick question' });
    await tiago.client.post(`${base}/direct_conversations/${conversation.body.id}/update_last_seen`);
    await waitUntil(async () => (await digestRuns(tiago.id)) >= 1, "Tiago's digest round");
    expect(mailbox.mailTo(tiago.email)).toHaveLength(0);
  });

  it('the timer survives the worker being stopped and started again: still exactly one mail', async () => {
    const vera = await newRecipient('Vera');
    await sender.post(`${base}/direct_conversations`, { user_ids: [vera.id], content: 'While you were away' });
    const handle = stack.temporal.workflow.getHandle(dmDigestWorkflowId(vera.id));
    await waitUntil(async () => (await handle.fetchHistory()).events!.some((event) => event.timerStartedEventAttributes), 'the digest timer to start');
    await stopWorker();
    await startWorker();
    await waitUntil(async () => mailbox.mailTo(vera.email).length > 0, "Vera's digest");
    await waitUntil(allEmailed(vera.id), "Vera's notifications marked e-mailed");
    expect(mailbox.mailTo(vera.email)).toHaveLength(1);
    expect(await digestRuns(vera.id)).toBe(1);
  });
});
