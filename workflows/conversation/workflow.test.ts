import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { lifecycleOutbox, messages } from '../../db/schema/index.js';
import { sweepLifecycleOutbox } from '../../core/services/conversations/lifecycle-outbox.js';
import { lifecycleActivityMessages, startLifecycleWorker, storedStatus, waitForStoredStatus } from '../../tests/support/lifecycle.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../tests/support/stack.js';
import {
  changeStatusUpdate,
  conversationLifecycleWorkflowType,
  conversationWorkflowId,
  incomingMessageSignal,
  lifecycleSnapshotQuery,
  type ConversationLifecycleInput,
} from './definitions.js';

/**
 * The workflow on the run's real Temporal dev server with the real activities writing the run's
 * real Postgres: what these tests count is what a user would see in the conversation.
 */
describe('conversation lifecycle workflow, with its real activities', () => {
  let stack: TestStack;
  let account: TestAccount;
  let worker: Awaited<ReturnType<typeof startLifecycleWorker>>;
  let agent: ReturnType<typeof apiClient>;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    worker = await startLifecycleWorker(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  /** A conversation made through the API (which starts its workflow), with ids for both worlds. */
  const newConversation = async () => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: `Cat ${randomUUID().slice(0, 6)}` });
    const { body } = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const row = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;
    return { displayId: body.id as number, id: row.id, row, handle: stack.temporal.workflow.getHandle(conversationWorkflowId(row.id)) };
  };
  const toggle = (displayId: number, body: Record<string, unknown>) => agent.post(`${base}/conversations/${displayId}/toggle_status`, body);
  const customerWrites = (displayId: number, content = 'hello?') => agent.post(`${base}/conversations/${displayId}/messages`, { content, message_type: 'incoming' });

  /**
   * The workflow handles signals and updates one at a time in arrival order, so a request for the
   * status we expect answers only after everything signalled before it was written: `changed: false`
   * then proves the earlier signal changed nothing, with no waiting for "long enough".
   */
  const afterQueuedWork = async (displayId: number, expected: 'open' | 'resolved') => (await toggle(displayId, { status: expected })).body.payload as { changed: boolean };

  it('a snooze timer reopens the conversation when it ends', async () => {
    const { displayId, id } = await newConversation();
    const snoozed = await toggle(displayId, { status: 'snoozed', snoozed_until: Math.floor(Date.now() / 1000) + 2 });
    expect(snoozed.body.payload.current_status).toBe('snoozed');
    expect(await waitForStoredStatus(stack, id, 'open')).toBe('open');
    expect(await lifecycleActivityMessages(stack, id)).toEqual([expect.stringMatching(/^Conversation was snoozed by Alan Agent until/), 'Conversation was reopened: the snooze ended']);
  });

  it('a customer message reopens a resolved conversation', async () => {
    const { displayId, id } = await newConversation();
    await toggle(displayId, { status: 'resolved' });
    await customerWrites(displayId);
    expect(await waitForStoredStatus(stack, id, 'open')).toBe('open');
    expect(await lifecycleActivityMessages(stack, id)).toEqual(['Conversation was marked resolved by Alan Agent', 'Conversation was reopened by a new message from the contact']);
  });

  it('a customer message on an open conversation changes nothing', async () => {
    const { displayId, id, handle } = await newConversation();
    await customerWrites(displayId);
    await handle.signal(incomingMessageSignal, { messageId: 1 });
    expect((await afterQueuedWork(displayId, 'open')).changed).toBe(false);
    expect(await storedStatus(stack, id)).toBe('open');
    expect(await lifecycleActivityMessages(stack, id)).toEqual([]);
  });

  it('resolving twice at once writes one activity message; the second answer says nothing changed', async () => {
    const { displayId, id } = await newConversation();
    const [first, second] = await Promise.all([toggle(displayId, { status: 'resolved' }), toggle(displayId, { status: 'resolved' })]);
    expect([first.body.payload.changed, second.body.payload.changed].sort()).toEqual([false, true]);
    expect(await storedStatus(stack, id)).toBe('resolved');
    expect(await lifecycleActivityMessages(stack, id)).toEqual(['Conversation was marked resolved by Alan Agent']);
  });

  it('a customer message stored while the resolve is being written reopens the conversation', async () => {
    const { displayId, id } = await newConversation();
    const held = worker.holdNext(id, 'resolved');
    const resolving = toggle(displayId, { status: 'resolved' });
    await held.reached;
    // The workflow has decided; Postgres still says open, so this message queues no notice itself.
    expect(await storedStatus(stack, id)).toBe('open');
    expect((await customerWrites(displayId, 'wait, one more thing')).status).toBe(200);
    held.release();
    expect((await resolving).body.payload).toMatchObject({ current_status: 'resolved', changed: true });
    expect(await waitForStoredStatus(stack, id, 'open')).toBe('open');
    expect(await lifecycleActivityMessages(stack, id)).toEqual(['Conversation was marked resolved by Alan Agent', 'Conversation was reopened by a new message from the contact']);
  });

  it('a customer message stored before the resolve was decided does not undo it', async () => {
    const { displayId, id, handle } = await newConversation();
    await customerWrites(displayId, 'thanks, all good');
    await toggle(displayId, { status: 'resolved' });
    // A notice for that older message arriving now (say, from the outbox) is stale.
    const [older] = await stack.db
      .select({ id: messages.id, sentAt: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.messageType, 'incoming')));
    await handle.signal(incomingMessageSignal, { messageId: older.id, sentAt: older.sentAt.toISOString() });
    expect((await afterQueuedWork(displayId, 'resolved')).changed).toBe(false);
    expect(await storedStatus(stack, id)).toBe('resolved');
    expect(await lifecycleActivityMessages(stack, id)).toEqual(['Conversation was marked resolved by Alan Agent']);
  });

  it('the same notice delivered twice reopens once, even after the agent resolves again', async () => {
    const { displayId, id, handle } = await newConversation();
    await toggle(displayId, { status: 'resolved' });
    const message = await customerWrites(displayId);
    expect(await waitForStoredStatus(stack, id, 'open')).toBe('open');
    await toggle(displayId, { status: 'resolved' });
    // The sweeper's copy of the first notice (no time attached, as an old API would send it).
    await handle.signal(incomingMessageSignal, { messageId: message.body.id });
    expect((await afterQueuedWork(displayId, 'resolved')).changed).toBe(false);
    expect(await storedStatus(stack, id)).toBe('resolved');
    expect(await lifecycleActivityMessages(stack, id)).toHaveLength(3);
  });

  it('a notice another deliverer holds is skipped, so the outbox signals it once', async () => {
    const { displayId, id, row, handle } = await newConversation();
    await toggle(displayId, { status: 'resolved' });
    // Store a notice as the API would just before it crashes.
    const [message] = await stack.sql<{ id: number }[]>`insert into messages (account_id, conversation_id, inbox_id, message_type, content, status, sender_type, sender_id)
      values (${row.accountId}, ${id}, ${row.inboxId}, 'incoming', 'still there?', 'sent', 'contact', ${row.contactId}) returning id`;
    const [notice] = await stack.sql<{ id: number }[]>`insert into lifecycle_outbox (conversation_id, message_id) values (${id}, ${message.id}) returning id`;
    const holder = await stack.sql.reserve();
    try {
      await holder`begin`;
      await holder`select id from lifecycle_outbox where id = ${notice.id} for update`;
      const deps = { db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue };
      expect(await sweepLifecycleOutbox(deps, { olderThanMs: 0, limit: 1000 })).toBe(0);
      await holder`rollback`;
      expect(await sweepLifecycleOutbox(deps, { olderThanMs: 0, limit: 1000 })).toBe(1);
    } finally {
      holder.release();
    }
    expect(await waitForStoredStatus(stack, id, 'open')).toBe('open');
    expect(await stack.db.$count(lifecycleOutbox, eq(lifecycleOutbox.conversationId, id))).toBe(0);
    const signals = (await handle.fetchHistory()).events!.filter((event) => event.workflowExecutionSignaledEventAttributes);
    expect(signals).toHaveLength(1);
  });

  it('a snooze in the past is rejected before it enters history', async () => {
    const { handle } = await newConversation();
    const failure = await handle
      .executeUpdate(changeStatusUpdate, { args: [{ status: 'snoozed', snoozedUntil: '2020-01-01T00:00:00Z', actor: { type: 'user', id: 1 } }] })
      .then(() => undefined, (error: Error) => error);
    expect((failure?.cause as Error | undefined)?.message).toMatch(/must be in the future/);
    expect((await handle.query(lifecycleSnapshotQuery)).status).toBe('open');
    const updates = (await handle.fetchHistory()).events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates).toHaveLength(0);
  });

  /** Replaces the API-started run with one whose quiet periods are short, as if a month had passed. */
  const restartWithShortIdle = async (conversation: Awaited<ReturnType<typeof newConversation>>, input: Partial<ConversationLifecycleInput>) => {
    await conversation.handle.terminate('test: restart with short idle periods');
    const row = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: conversation.displayId }))!;
    return stack.temporal.workflow.start(conversationLifecycleWorkflowType, {
      taskQueue: stack.taskQueue,
      workflowId: conversationWorkflowId(row.id),
      args: [{ conversationId: row.id, accountId: row.accountId, status: row.status, ...input } satisfies ConversationLifecycleInput],
    });
  };

  it('a resolved conversation that stays quiet completes, and a customer message brings it back and reopens it', async () => {
    const conversation = await newConversation();
    await toggle(conversation.displayId, { status: 'resolved' });
    const quiet = await restartWithShortIdle(conversation, { resolvedRetentionMs: 500 });
    await quiet.result();
    await customerWrites(conversation.displayId);
    expect(await waitForStoredStatus(stack, conversation.id, 'open')).toBe('open');
    const revived = await conversation.handle.describe();
    expect(revived.runId).not.toBe(quiet.firstExecutionRunId);
  });

  it('an open conversation that stays quiet completes, and the next status change brings it back', async () => {
    const conversation = await newConversation();
    const quiet = await restartWithShortIdle(conversation, { idleCompletionMs: 500 });
    await quiet.result();
    expect((await conversation.handle.describe()).status.name).toBe('COMPLETED');
    const resolved = await toggle(conversation.displayId, { status: 'resolved' });
    expect(resolved.body.payload).toMatchObject({ current_status: 'resolved', changed: true });
    expect(await storedStatus(stack, conversation.id)).toBe('resolved');
    expect((await conversation.handle.describe()).status.name).toBe('RUNNING');
  });

  it('a workflow whose conversation was deleted completes on its next write', async () => {
    const conversation = await newConversation();
    await stack.sql`delete from conversations where id = ${conversation.id}`;
    await conversation.handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'resolved', actor: { type: 'user', id: account.agent.id } }] });
    await conversation.handle.result();
    expect((await conversation.handle.describe()).status.name).toBe('COMPLETED');
  });
});
