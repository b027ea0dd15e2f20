import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { conversationWorkflowId, lifecycleSnapshotQuery } from '../../workflows/conversation/definitions.js';
import { lifecycleActivityMessages, waitForStoredStatus } from '../support/lifecycle.js';
import { workerProcesses } from '../support/worker-process.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';
import { holdRealWorkerLock, realWorkerLockTimeoutMs } from '../support/real-worker-lock.js';
import { waitUntil } from '../support/wait.js';

/**
 * The real worker process (activities/worker.ts), killed with SIGKILL while its activity is inside
 * the status change's transaction, then started again. The activity is held mid-transaction by a
 * row lock this test takes on the conversation, which its `select … for update` waits on.
 */
describe('the worker is killed in the middle of a status change', () => {
  // One file with real worker processes at a time: their sweepers serve the whole database.
  beforeAll(() => holdRealWorkerLock(), realWorkerLockTimeoutMs);
  let stack: TestStack;
  let account: TestAccount;
  const workers = workerProcesses(() => stack);
  const startWorkerProcess = workers.start;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
  });
  afterAll(async () => {
    workers.killAll();
    await stack?.close();
  });

  it('status and workflow agree afterwards, and the activity message is written once', { timeout: 180_000 }, async () => {
    const agent = apiClient(stack, account.agent.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Kim' });
    const { body } = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const conversation = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;
    const first = await startWorkerProcess();

    const holder = await stack.sql.reserve();
    try {
      await holder`begin`;
      await holder`select id from conversations where id = ${conversation.id} for update`;
      const [{ pid: holderPid }] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid`;
      // Answers 503 at its deadline while the activity is held; the change itself stays queued.
      const request = agent.post(`${base}/conversations/${body.id}/toggle_status`, { status: 'resolved' });

      // The sentinel: Postgres reports the worker's transaction waiting on the test's lock.
      const blocked = async () => Number((await stack.sql`select count(*)::int as n from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`)[0].n) > 0;
      await waitUntil(blocked, "the worker's activity to wait on the test's row lock", 60_000);

      await workers.kill(first);
      await startWorkerProcess();
      await holder`rollback`;
      expect([200, 503]).toContain((await request).status);
    } finally {
      holder.release();
    }

    // The attempt that died never committed; the retry (after the activity's timeout) writes once.
    expect(await waitForStoredStatus(stack, conversation.id, 'resolved', 120_000)).toBe('resolved');
    const handle = stack.temporal.workflow.getHandle(conversationWorkflowId(conversation.id));
    // The activity commits before the workflow hears its result, so the workflow may agree a moment later.
    await expect.poll(async () => (await handle.query(lifecycleSnapshotQuery)).status, { timeout: 20_000 }).toBe('resolved');
    expect(await lifecycleActivityMessages(stack, conversation.id)).toEqual(['Conversation was marked resolved by Alan Agent']);
    const attempts = (await handle.fetchHistory()).events!.flatMap((event) => (event.activityTaskStartedEventAttributes ? [event.activityTaskStartedEventAttributes.attempt] : []));
    expect(Math.max(...attempts.map(Number))).toBeGreaterThanOrEqual(2);
  });
});
