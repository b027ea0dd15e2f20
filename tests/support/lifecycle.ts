import { and, eq, like } from 'drizzle-orm';
import { NativeConnection, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { conversations, messages } from '../../db/schema/index.js';
import type { ConversationActivities, ConversationStatus } from '../../workflows/conversation/definitions.js';
import type { InboxRouterActivities } from '../../workflows/inbox-router/definitions.js';
import { lifecycleIdempotencyPrefix } from '../../workflows/conversation/definitions.js';
import { insertContact } from '../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { apiTest } from './api-test.js';
import { deferred, type Deferred } from './wait.js';
import { apiClient, type TestAccount, type TestStack } from './stack.js';

export { deferred, type Deferred };

/** A barrier in front of one transition's real activity: `reached` once it is called, it proceeds on `release()`. */
export type HeldTransition = { reached: Promise<void>; release: () => void };

/**
 * A worker on the stack's task queue running the real activities against the stack's Postgres.
 * `holdNext(conversationId, to)` makes the next write of that transition wait on a barrier the test
 * controls, so a test can act "while the activity is running" without sleeping.
 */
export async function startLifecycleWorker(stack: TestStack) {
  const real = createActivities({ db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue, storage: stack.deps.storage, channelSecrets: stack.deps.channelSecrets, mailer: stack.deps.mailer });
  const holds: { conversationId: number; to: ConversationStatus; reached: Deferred; release: Deferred }[] = [];
  const calls: Parameters<ConversationActivities['applyConversationTransition']>[0][] = [];
  const activities: ConversationActivities & InboxRouterActivities = {
    runRoutingPass: real.runRoutingPass,
    async applyConversationTransition(input) {
      calls.push(input);
      const index = holds.findIndex((hold) => hold.conversationId === input.conversationId && hold.to === input.transition.to);
      if (index >= 0) {
        const [hold] = holds.splice(index, 1);
        hold.reached.resolve();
        await hold.release.promise;
      }
      return real.applyConversationTransition(input);
    },
    readAutoResolveDeadline: (input) => real.readAutoResolveDeadline(input),
  };
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({
    connection,
    taskQueue: stack.taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities,
  });
  const running = worker.run();
  return {
    calls,
    holdNext(conversationId: number, to: ConversationStatus): HeldTransition {
      const hold = { conversationId, to, reached: deferred(), release: deferred() };
      holds.push(hold);
      return { reached: hold.reached.promise, release: () => hold.release.resolve() };
    },
    async stop() {
      for (const hold of holds.splice(0)) hold.release.resolve();
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export async function storedStatus(stack: Pick<TestStack, 'db'>, conversationId: number) {
  const [row] = await stack.db.select({ status: conversations.status }).from(conversations).where(eq(conversations.id, conversationId));
  return row?.status;
}

/**
 * Resolves once Postgres holds `status` for the conversation. Woken by the conversation's own live
 * events (the activity NOTIFYs on commit), so no polling interval decides the outcome.
 */
export async function waitForStoredStatus(stack: TestStack, conversationId: number, status: ConversationStatus, timeoutMs = 20_000) {
  const reached = deferred();
  const check = async () => {
    if ((await storedStatus(stack, conversationId)) === status) reached.resolve();
  };
  const unsubscribe = stack.deps.events.subscribe((event) => {
    if (event.conversationId === conversationId && event.type === 'conversation.status_changed') void check();
  });
  const timer = setTimeout(() => reached.resolve(), timeoutMs);
  try {
    await check();
    await reached.promise;
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
  return storedStatus(stack, conversationId);
}

/** The activity messages lifecycle transitions wrote for a conversation, oldest first. */
export async function lifecycleActivityMessages(stack: Pick<TestStack, 'db'>, conversationId: number) {
  const rows = await stack.db
    .select({ content: messages.content, echoId: messages.echoId })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), like(messages.echoId, `${lifecycleIdempotencyPrefix}%`)))
    .orderBy(messages.id);
  return rows.map((row) => row.content ?? '');
}

/**
 * `it` for lifecycle test files: the API test fixtures (`stack` without its own worker, `account`,
 * `client`, `base`) plus `lifecycle`, a worker whose transitions a test can hold on a barrier,
 * started for every test (the workflows need it even where a test never touches it) and stopped
 * before the stack closes.
 */
export function lifecycleTest() {
  return apiTest({ worker: false }).extend('lifecycle', { scope: 'file', auto: true }, async ({ stack }, { onCleanup }) => {
    const worker = await startLifecycleWorker(stack);
    onCleanup(() => worker.stop());
    return worker;
  });
}

/** A conversation in `inboxId` (the account's API inbox by default), opened over the API by `token`'s user, with its row id. */
export async function openConversation(stack: TestStack, account: TestAccount, options: { token?: string; inboxId?: number; contactId?: number } = {}) {
  const contactId = options.contactId ?? (await insertContact(stack.db, { accountId: account.account.id, name: 'Uma' })).id;
  const { body } = await apiClient(stack, options.token ?? account.admin.token).post(`/api/v1/accounts/${account.account.id}/conversations`, {
    inbox_id: options.inboxId ?? account.apiInbox.id,
    contact_id: contactId,
  });
  const row = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;
  return { displayId: body.id as number, id: row.id };
}
