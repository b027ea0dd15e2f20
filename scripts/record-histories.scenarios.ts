/**
 * Records conversation-lifecycle histories from real runs (dev server, real activities, real
 * Postgres) into tests/workflow-histories/, which `workflows/conversation/replay.test.ts` replays on
 * every `npm test`. Re-record on purpose only, after a deliberate, patched() workflow change: keep
 * the old files (they are what installs still run) and add new ones under a new prefix (v1: before the notice rules and idle completion; v2: with them; v3: with mute and auto-resolve):
 *
 *   HISTORY_PREFIX=v3 npm run record-histories
 */
import { randomUUID } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { insertContact } from '../db/queries/contacts.js';
import { findConversationByDisplayId } from '../db/queries/conversations.js';
import { conversationLifecycleWorkflowType, conversationWorkflowId, type ConversationLifecycleInput } from '../workflows/conversation/definitions.js';
import { startLifecycleWorker, waitForStoredStatus } from '../tests/support/lifecycle.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../tests/support/stack.js';
import { historyToStoredJson, workflowHistoriesDir as historiesDir } from '../tests/support/workflow-histories.js';

// Required, so a re-recording never silently overwrites the histories of an older workflow version.
const prefix = process.env.HISTORY_PREFIX;
if (!prefix) throw new Error('Set HISTORY_PREFIX (e.g. v3) to name this recording; keep the files of earlier prefixes');

describe('record lifecycle histories', () => {
  let stack: TestStack;
  let account: TestAccount;
  let worker: Awaited<ReturnType<typeof startLifecycleWorker>>;
  let agent: ReturnType<typeof apiClient>;
  const base = () => `/api/v1/accounts/${account.account.id}`;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    worker = await startLifecycleWorker(stack);
    agent = apiClient(stack, account.agent.token);
    await mkdir(historiesDir, { recursive: true });
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  const newConversation = async () => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: `Rec ${randomUUID().slice(0, 6)}` });
    const { body } = await agent.post(`${base()}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const row = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;
    return { displayId: body.id as number, id: row.id, row, handle: stack.temporal.workflow.getHandle(conversationWorkflowId(row.id)) };
  };
  const toggle = (displayId: number, body: Record<string, unknown>) => agent.post(`${base()}/conversations/${displayId}/toggle_status`, body);
  const customerWrites = (displayId: number) => agent.post(`${base()}/conversations/${displayId}/messages`, { content: 'hello?', message_type: 'incoming' });
  const save = async (name: string, handle: { fetchHistory: () => Promise<Parameters<typeof historyToStoredJson>[0]> }) => {
    await writeFile(path.join(historiesDir, `${prefix}-${name}.json`), historyToStoredJson(await handle.fetchHistory()));
  };
  const restartWithShortIdle = async (conversation: Awaited<ReturnType<typeof newConversation>>, input: Partial<ConversationLifecycleInput>) => {
    await conversation.handle.terminate('recording: short idle periods');
    const row = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: conversation.displayId }))!;
    return stack.temporal.workflow.start(conversationLifecycleWorkflowType, {
      taskQueue: stack.taskQueue,
      workflowId: conversationWorkflowId(row.id),
      args: [{ conversationId: row.id, accountId: row.accountId, status: row.status, ...input } satisfies ConversationLifecycleInput],
    });
  };

  it('resolve, then a customer message reopens', async () => {
    const { displayId, id, handle } = await newConversation();
    await toggle(displayId, { status: 'resolved' });
    await customerWrites(displayId);
    await waitForStoredStatus(stack, id, 'open');
    await toggle(displayId, { status: 'pending' });
    await save('resolve-reopen-pending', handle);
  });

  it('a snooze timer ends', async () => {
    const { displayId, id, handle } = await newConversation();
    await toggle(displayId, { status: 'snoozed', snoozed_until: Math.floor(Date.now() / 1000) + 2 });
    await waitForStoredStatus(stack, id, 'open');
    await toggle(displayId, { status: 'snoozed' });
    await customerWrites(displayId);
    await waitForStoredStatus(stack, id, 'open');
    await save('snooze-timer-and-until-reply', handle);
  });

  it('resolving twice at once', async () => {
    const { displayId, handle } = await newConversation();
    await Promise.all([toggle(displayId, { status: 'resolved' }), toggle(displayId, { status: 'resolved' })]);
    await save('resolve-twice', handle);
  });

  it('a customer message while the resolve is written', async () => {
    const { displayId, id, handle } = await newConversation();
    const held = worker.holdNext(id, 'resolved');
    const resolving = toggle(displayId, { status: 'resolved' });
    await held.reached;
    await customerWrites(displayId);
    held.release();
    await resolving;
    await waitForStoredStatus(stack, id, 'open');
    await save('message-during-resolve', handle);
  });

  it('a quiet resolved conversation completes', async () => {
    const conversation = await newConversation();
    await toggle(conversation.displayId, { status: 'resolved' });
    const quiet = await restartWithShortIdle(conversation, { resolvedRetentionMs: 500 });
    await quiet.result();
    await save('resolved-quiet-completes', quiet);
  });

  it('a quiet open conversation completes', async () => {
    const conversation = await newConversation();
    const quiet = await restartWithShortIdle(conversation, { idleCompletionMs: 500 });
    await quiet.result();
    await save('open-quiet-completes', quiet);
  });

  it('mute keeps a customer message from reopening; unmuted, the next one reopens', async () => {
    const { displayId, id, handle } = await newConversation();
    await agent.post(`${base()}/conversations/${displayId}/mute`);
    await customerWrites(displayId);
    await agent.post(`${base()}/conversations/${displayId}/unmute`);
    await customerWrites(displayId);
    await waitForStoredStatus(stack, id, 'open');
    await save('mute-unmute', handle);
  });

  it('a quiet open conversation auto-resolves after the account’s duration', async () => {
    await apiClient(stack, account.admin.token).patch(base(), { auto_resolve_duration: 1 / 86_400 });
    const { id, handle } = await newConversation();
    await waitForStoredStatus(stack, id, 'resolved');
    await apiClient(stack, account.admin.token).patch(base(), { auto_resolve_duration: null });
    await save('auto-resolve', handle);
  });
});
