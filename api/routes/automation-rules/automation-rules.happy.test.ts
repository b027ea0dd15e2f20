import { Client, Connection } from '@temporalio/client';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { sweepAutomationEvents } from '../../../core/services/automation/dispatch.js';
import { runAutomationEvent } from '../../../core/services/automation/run.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { automationEvents, conversations } from '../../../db/schema/index.js';
import { freePort } from '../../../scripts/lib/temporal-cli.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient, apiProcess } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

/** A real worker (automation and lifecycle workflows) on this file's task queue. */
const it = apiTest()
  .extend('billing', { scope: 'file' }, async ({ base, client, account }) => {
    const team = (await client.post(`${base}/teams`, { name: 'Billing' })).body;
    await client.post(`${base}/teams/${team.id}/team_members`, { user_ids: [account.agent.id] });
    return team as { id: number; name: string };
  })
  .extend('open', async ({ stack, account, base, client }) => async (name: string) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name });
    return (await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id as number;
  });

type Client_ = { get: (path: string) => Promise<{ body: any }> };
const messagesOf = async (client: Client_, base: string, id: number) =>
  (await client.get(`${base}/conversations/${id}/messages`)).body.payload as Array<{ content: string; message_type: number }>;

const refundRule = (teamId: number) => ({
  name: 'Refunds to Billing',
  event_name: 'message_created',
  conditions: [
    { attribute_key: 'content', filter_operator: 'contains', values: ['refund'], query_operator: 'and' },
    { attribute_key: 'message_type', filter_operator: 'equal_to', values: ['incoming'] },
  ],
  actions: [
    { action_name: 'assign_team', action_params: [teamId] },
    { action_name: 'add_label', action_params: ['refund'] },
  ],
});

describe('routing rules through the Application API', () => {
  it('creates, lists in order, switches off, changes and deletes rules in Chatwoot’s shape', async ({ account, base, client, billing }) => {
    const created = await client.post(`${base}/automation_rules`, refundRule(billing.id));
    expect(created.status).toBe(200);
    expect(created.body.payload).toMatchObject({ id: expect.any(Number), account_id: account.account.id, name: 'Refunds to Billing', active: true, event_name: 'message_created' });
    const second = (await client.post(`${base}/automation_rules`, { ...refundRule(billing.id), name: 'Second', active: false })).body.payload;
    expect(second.position).toBeGreaterThan(created.body.payload.position);
    const listed = (await client.get(`${base}/automation_rules`)).body.payload.map((r: { name: string }) => r.name);
    expect(listed).toEqual(['Refunds to Billing', 'Second']);
    const moved = await client.patch(`${base}/automation_rules/${second.id}`, { position: 0, active: true, name: 'First now' });
    expect(moved.body.payload).toMatchObject({ name: 'First now', active: true, position: 0 });
    expect((await client.get(`${base}/automation_rules`)).body.payload.map((r: { name: string }) => r.name)).toEqual(['First now', 'Refunds to Billing']);
    expect((await client.get(`${base}/automation_rules/${second.id}`)).body.payload.name).toBe('First now');
    expect((await client.delete(`${base}/automation_rules/${second.id}`)).status).toBe(200);
    expect((await client.delete(`${base}/automation_rules/${created.body.payload.id}`)).status).toBe(200);
    expect((await client.get(`${base}/automation_rules`)).body.payload).toEqual([]);
  });

  it('"content contains refund → assign team Billing, add label refund" fires on a new customer message, exactly once', async ({ stack, base, client, billing, open }) => {
    const rule = (await client.post(`${base}/automation_rules`, refundRule(billing.id))).body.payload;
    const id = await open('Rita Refund');
    const untouched = await open('Olly Other');
    await client.post(`${base}/conversations/${untouched}/messages`, { content: 'Where is my parcel?', message_type: 'incoming' });
    await client.post(`${base}/conversations/${id}/messages`, { content: 'I would like a REFUND for order 42', message_type: 'incoming' });

    await waitUntil(async () => (await client.get(`${base}/conversations/${id}`)).body.labels?.includes('refund'), 'the rule to label the conversation');
    const shown = (await client.get(`${base}/conversations/${id}`)).body;
    expect(shown.meta.team).toEqual({ id: billing.id, name: 'Billing' });
    expect(shown.labels).toEqual(['refund']);
    // An agent's reply containing the word is not a customer message: no second run's changes.
    await client.post(`${base}/conversations/${id}/messages`, { content: 'Your refund is on its way', message_type: 'outgoing' });

    // Running the event again (a redelivery after a crash) changes nothing: the event row says it was done.
    const [conversation] = await stack.db.select().from(conversations).where(eq(conversations.uuid, shown.uuid));
    const events = await stack.db.select().from(automationEvents).where(eq(automationEvents.conversationId, conversation.id));
    await waitUntil(async () => (await stack.db.select().from(automationEvents).where(and(eq(automationEvents.conversationId, conversation.id), isNull(automationEvents.processedAt)))).length === 0, 'every event of the conversation to be processed');
    const matchedEvent = (await stack.db.select().from(automationEvents).where(eq(automationEvents.conversationId, conversation.id))).find((e) => (e.outcome as { ruleIds: number[] }).ruleIds.includes(rule.id))!;
    expect(events.length).toBeGreaterThanOrEqual(1);
    await runAutomationEvent({ db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue }, matchedEvent.id);

    const lines = (await messagesOf(client, base, id)).filter((m) => m.message_type === 2).map((m) => m.content);
    expect(lines.filter((line) => line === 'Assigned to team Billing by Automation System')).toHaveLength(1);
    expect((await client.get(`${base}/conversations/${untouched}`)).body.meta.team).toBeNull();
    await client.delete(`${base}/automation_rules/${rule.id}`);
  });

  it('a rule’s own message does not trigger rules again (no loop)', async ({ base, client, open }) => {
    const rule = (
      await client.post(`${base}/automation_rules`, {
        name: 'Echo',
        event_name: 'message_created',
        conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['hello'] }],
        actions: [{ action_name: 'send_message', action_params: ['hello, we got your message'] }],
      })
    ).body.payload;
    const id = await open('Harry Hello');
    await client.post(`${base}/conversations/${id}/messages`, { content: 'hello there', message_type: 'incoming' });
    await waitUntil(async () => (await messagesOf(client, base, id)).some((m) => m.content === 'hello, we got your message'), 'the rule’s reply');
    // A later message proves the rule's own reply queued nothing: its event would run before this one's.
    await client.post(`${base}/conversations/${id}/messages`, { content: 'bye', message_type: 'incoming' });
    await client.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
    const replies = (await messagesOf(client, base, id)).filter((m) => m.content === 'hello, we got your message');
    expect(replies).toHaveLength(1);
    await client.delete(`${base}/automation_rules/${rule.id}`);
  });

  it('conversation_created rules can resolve and set priority; the lifecycle workflow makes the status change', async ({ base, client, open }) => {
    const rule = (
      await client.post(`${base}/automation_rules`, {
        name: 'Spam',
        event_name: 'conversation_created',
        conditions: [{ attribute_key: 'name', filter_operator: 'starts_with', values: ['spam'] }],
        actions: [
          { action_name: 'change_priority', action_params: ['low'] },
          { action_name: 'resolve_conversation', action_params: [] },
        ],
      })
    ).body.payload;
    const id = await open('Spammy Sam');
    const other = await open('Real Rachel');
    await waitUntil(async () => (await client.get(`${base}/conversations/${id}`)).body.status === 'resolved', 'the rule to resolve the conversation');
    expect((await client.get(`${base}/conversations/${id}`)).body.priority).toBe('low');
    expect((await client.get(`${base}/conversations/${other}`)).body).toMatchObject({ status: 'open', priority: null });
    await client.delete(`${base}/automation_rules/${rule.id}`);
  });

  it('no trigger is lost while Temporal is unreachable: the event waits in Postgres and the sweeper runs it later', async ({ stack, account, base, client, billing, open }) => {
    const rule = (await client.post(`${base}/automation_rules`, refundRule(billing.id))).body.payload;
    const id = await open('Dora Down');
    const deadConnection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const cutOff = apiClient(apiProcess(stack, { temporal: new Client({ connection: deadConnection }) }), account.admin.token);
    expect((await cutOff.post(`${base}/conversations/${id}/messages`, { content: 'refund please', message_type: 'incoming' })).status).toBe(200);
    await deadConnection.close();
    expect((await client.get(`${base}/conversations/${id}`)).body.meta.team).toBeNull();

    expect(await sweepAutomationEvents({ db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue }, { olderThanMs: 0, limit: 100 })).toBeGreaterThanOrEqual(1);
    await waitUntil(async () => (await client.get(`${base}/conversations/${id}`)).body.meta.team?.id === billing.id, 'the swept event to assign the team');
    await client.delete(`${base}/automation_rules/${rule.id}`);
  });
});

describe('trying a rule in the editor (dry run)', () => {
  it('shows which conditions hold and what would happen, and changes nothing', async ({ base, client, billing, open }) => {
    const id = await open('Tom Try');
    await client.post(`${base}/conversations/${id}/messages`, { content: 'refund my order', message_type: 'incoming' });
    const tried = await client.post(`${base}/automation_rules/dry_run`, { conversation_id: id, ...refundRule(billing.id) });
    expect(tried.status).toBe(200);
    expect(tried.body).toMatchObject({
      matched: true,
      conversation_id: id,
      message: { content: 'refund my order' },
      conditions: [{ attribute_key: 'content', matched: true }, { attribute_key: 'message_type', matched: true }],
      actions: [{ action_name: 'assign_team', description: 'Assign to team Billing' }, { action_name: 'add_label', description: 'Add label refund' }],
    });
    const missed = await client.post(`${base}/automation_rules/dry_run`, {
      conversation_id: id,
      ...refundRule(billing.id),
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['invoice'] }],
    });
    expect(missed.body).toMatchObject({ matched: false, actions: [], conditions: [{ matched: false }] });
    const shown = (await client.get(`${base}/conversations/${id}`)).body;
    expect(shown.meta.team).toBeNull();
    expect(shown.labels).toEqual([]);
  });
});
