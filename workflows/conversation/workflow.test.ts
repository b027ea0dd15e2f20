import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Transition } from './state.js';
import {
  changeStatusUpdate,
  conversationLifecycleWorkflowType,
  incomingMessageSignal,
  lifecycleSnapshotQuery,
  type ConversationLifecycleInput,
} from './definitions.js';

/**
 * The workflow against the run's real Temporal dev server. The activity here records the
 * transitions it is asked to write (the database side is covered by the API tests), so these
 * tests see exactly what the workflow decided and how often.
 */
describe('conversation lifecycle workflow', () => {
  let client: Client;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `lifecycle-${randomUUID()}`;
  const written = new Map<number, Transition[]>();
  const keys = new Set<string>();

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: {
        async applyConversationTransition(input: { conversationId: number; idempotencyKey: string; transition: Transition }) {
          if (keys.has(input.idempotencyKey)) return;
          keys.add(input.idempotencyKey);
          written.set(input.conversationId, [...(written.get(input.conversationId) ?? []), input.transition]);
        },
      },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
    await connection.close();
  });

  let nextId = Math.floor(Math.random() * 1_000_000);
  const start = async (input: Partial<ConversationLifecycleInput> = {}) => {
    const conversationId = ++nextId;
    const handle = await client.workflow.start(conversationLifecycleWorkflowType, {
      taskQueue,
      workflowId: `conversation-test-${conversationId}-${randomUUID()}`,
      args: [{ conversationId, accountId: 1, status: 'open', ...input } satisfies ConversationLifecycleInput],
    });
    return { handle, conversationId };
  };

  const waitFor = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('condition not met in time');
  };

  it('a snooze timer reopens the conversation when it ends', async () => {
    const { handle, conversationId } = await start();
    const until = new Date(Date.now() + 2_000).toISOString();
    const result = await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'snoozed', snoozedUntil: until, actor: { type: 'user', id: 1 } }] });
    expect(result).toMatchObject({ status: 'snoozed', snoozedUntil: until, changed: true });
    await waitFor(async () => (await handle.query(lifecycleSnapshotQuery)).status === 'open');
    expect(written.get(conversationId)?.map((t) => `${t.to}:${t.reason}`)).toEqual(['snoozed:requested', 'open:snooze_expired']);
  });

  it('a customer message reopens a resolved conversation', async () => {
    const { handle, conversationId } = await start();
    await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'resolved', actor: { type: 'user', id: 1 } }] });
    await handle.signal(incomingMessageSignal, { messageId: 99 });
    await waitFor(async () => (await handle.query(lifecycleSnapshotQuery)).status === 'open');
    expect(written.get(conversationId)?.map((t) => `${t.to}:${t.reason}`)).toEqual(['resolved:requested', 'open:incoming_message']);
  });

  it('a customer message on an open conversation changes nothing', async () => {
    const { handle, conversationId } = await start();
    await handle.signal(incomingMessageSignal, { messageId: 5 });
    expect((await handle.query(lifecycleSnapshotQuery)).status).toBe('open');
    expect(written.get(conversationId)).toBeUndefined();
  });

  it('resolving twice is idempotent: one write, the second answer says nothing changed', async () => {
    const { handle, conversationId } = await start();
    const resolve = () => handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'resolved', actor: { type: 'user', id: 1 } }] });
    const [first, second] = await Promise.all([resolve(), resolve()]);
    expect([first.changed, second.changed].sort()).toEqual([false, true]);
    expect(second.status).toBe('resolved');
    expect(written.get(conversationId)).toHaveLength(1);
  });

  it('a snooze in the past is rejected before it enters history', async () => {
    const { handle } = await start();
    const failure = await handle
      .executeUpdate(changeStatusUpdate, { args: [{ status: 'snoozed', snoozedUntil: '2020-01-01T00:00:00Z', actor: { type: 'user', id: 1 } }] })
      .then(() => undefined, (error: Error) => error);
    expect((failure?.cause as Error | undefined)?.message).toMatch(/must be in the future/);
    expect((await handle.query(lifecycleSnapshotQuery)).status).toBe('open');
  });

  it('a resolved conversation that stays quiet completes its workflow', async () => {
    const { handle } = await start({ resolvedRetentionMs: 1_000 });
    await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'resolved', actor: { type: 'user', id: 1 } }] });
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });
});
