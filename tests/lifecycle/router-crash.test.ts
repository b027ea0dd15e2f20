import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automaticAssignments, conversations, messages } from '../../db/schema/index.js';
import { countWaiting, createRoutedInbox, loadsOf, openConversations, setAvailability, waitForRouterIdle } from '../support/router.js';
import { createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';
import { holdRealWorkerLock, realWorkerLockTimeoutMs } from '../support/real-worker-lock.js';
import { waitUntil } from '../support/wait.js';
import { workerProcesses } from '../support/worker-process.js';

/**
 * The real worker process (activities/worker.ts) killed with SIGKILL while the inbox router is in
 * the middle of a burst — inside a decision's transaction, held there by a row lock this test takes
 * on one agent's membership — then started again.
 */
describe('the worker is killed in the middle of a burst of automatic assignments', () => {
  // One file with real worker processes at a time: their sweepers serve the whole database.
  beforeAll(() => holdRealWorkerLock(), realWorkerLockTimeoutMs);
  let stack: TestStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
  });
  afterAll(async () => {
    workers.killAll();
    await stack?.close();
  });

  const workers = workerProcesses(() => stack);

  it('every conversation ends assigned once or waiting, none lost, nobody above the limit', { timeout: 240_000 }, async () => {
    const limit = 4;
    const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 3, settings: { auto_assignment_config: { max_assignment_limit: limit } } });
    for (const agent of agents) await setAvailability(stack, account, agent, 'online');
    const first = await workers.start();

    // The router's decisions for the last agent wait on this lock, inside their transaction.
    const holder = await stack.sql.reserve();
    let displayIds: number[] = [];
    try {
      await holder`begin`;
      await holder`select id from account_memberships where account_id = ${account.account.id} and user_id = ${agents[2].id} for update`;
      const [{ pid: holderPid }] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid`;
      displayIds = await openConversations(stack, account, inboxId, 60);

      const blocked = async () => Number((await stack.sql`select count(*)::int as n from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`)[0].n) > 0;
      await waitUntil(blocked, "the router's decision to wait on the test's row lock", 60_000);

      await workers.kill(first);
      await workers.start();
      await holder`rollback`;
    } finally {
      holder.release();
    }

    // The pass that died is retried after its timeout and finishes the burst.
    await waitUntil(async () => (await countWaiting(stack, inboxId)) === 60 - 3 * limit, 'every agent to reach the limit', 180_000);
    await waitForRouterIdle(stack, inboxId, 60_000);

    const rows = await stack.db.select({ id: conversations.id, assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.inboxId, inboxId));
    expect(rows).toHaveLength(displayIds.length);
    const loads = await loadsOf(stack, inboxId);
    for (const agent of agents) expect(loads.get(agent.id)).toBe(limit);
    // Assigned once: one router record and one activity message per assigned conversation.
    const assigned = rows.filter((row) => row.assigneeId !== null);
    const [{ records }] = await stack.db.select({ records: sql<number>`count(*)::int` }).from(automaticAssignments).where(eq(automaticAssignments.inboxId, inboxId));
    expect(records).toBe(assigned.length);
    const [{ notes }] = await stack.db
      .select({ notes: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(eq(messages.inboxId, inboxId), eq(messages.messageType, 'activity'), sql`${messages.content} like '% by the inbox router'`));
    expect(notes).toBe(assigned.length);
  });
});
