import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { readEventStream, startVisitor } from '../../../tests/support/visitor.js';

const it = apiTest({ worker: false });

it('PATCH sets and clears the priority, leaves it when absent, and shows the change in the thread', async ({ stack, account, client, base }) => {
  const visitor = await startVisitor(stack, account, '10.63.0.1');
  const displayId = await visitor.startConversation();
  const path = `${base}/conversations/${displayId}`;
  const urgent = await apiClient(stack, account.agent.token).patch(path, { priority: 'urgent' });
  expect(urgent.status).toBe(200);
  expect(urgent.body).toMatchObject({ id: displayId, priority: 'urgent' });
  expect((await client.patch(path, {})).body.priority).toBe('urgent');
  expect((await client.get(path)).body.priority).toBe('urgent');
  const cleared = await client.patch(path, { priority: null });
  expect(cleared.body.priority).toBeNull();
  const thread = (await client.get(`${path}/messages`)).body.payload.map((m: { content: string }) => m.content);
  expect(thread).toEqual(expect.arrayContaining(['Alan Agent set the priority to Urgent', 'Ada Admin removed the priority']));
});

it('PATCH refuses an unknown priority and an SLA policy by field name, changing nothing', async ({ stack, account, client, base }) => {
  const visitor = await startVisitor(stack, account, '10.63.0.2');
  const displayId = await visitor.startConversation();
  const path = `${base}/conversations/${displayId}`;
  const badPriority = await client.patch(path, { priority: 'whenever' });
  expect(badPriority.status).toBe(422);
  expect(JSON.stringify(badPriority.body.error)).toContain('priority');
  const sla = await client.patch(path, { priority: 'high', sla_policy_id: 3 });
  expect(sla.status).toBe(422);
  expect(sla.body.error.field).toBe('sla_policy_id');
  expect((await client.get(path)).body.priority).toBeNull();
  expect((await client.patch(`${base}/conversations/999999`, { priority: 'low' })).status).toBe(404);
});

it('PATCH and typing are refused outside the inbox and the account', async ({ stack, account, otherAccount }) => {
  const visitor = await startVisitor(stack, account, '10.63.0.3');
  const displayId = await visitor.startConversation();
  const base = `/api/v1/accounts/${account.account.id}`;
  const outsider = apiClient(stack, account.outsider.token);
  expect((await outsider.patch(`${base}/conversations/${displayId}`, { priority: 'low' })).status).toBe(404);
  expect((await outsider.post(`${base}/conversations/${displayId}/toggle_typing_status`, { typing_status: 'on' })).status).toBe(404);
  const stranger = apiClient(stack, otherAccount.admin.token);
  expect((await stranger.patch(`${base}/conversations/${displayId}`, { priority: 'low' })).status).toBe(404);
  expect((await stranger.patch(`/api/v1/accounts/${otherAccount.account.id}/conversations/${displayId}`, { priority: 'low' })).status).toBe(404);
  expect((await apiClient(stack).patch(`${base}/conversations/${displayId}`, { priority: 'low' })).status).toBe(401);
  expect((await apiClient(stack, account.admin.token).get(`${base}/conversations/${displayId}`)).body.priority).toBeNull();
});

it('toggle_typing_status shows the agent typing in the widget and the console, but a private note only in the console', async ({ stack, account, base }) => {
  const visitor = await startVisitor(stack, account, '10.63.0.4');
  const displayId = await visitor.startConversation();
  const agent = apiClient(stack, account.agent.token);
  const typingPath = `${base}/conversations/${displayId}/toggle_typing_status`;
  const widget = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
  const consoleStream = readEventStream(await apiClient(stack, account.admin.token).raw(`${base}/events`));
  try {
    await widget.waitFor((e) => e.event === 'ready');
    await consoleStream.waitFor((e) => e.event === 'ready');
    expect((await agent.post(typingPath, { typing_status: 'on', is_private: true })).status).toBe(200);
    await consoleStream.waitFor((e) => e.event === 'conversation.typing_on');
    expect((await agent.post(typingPath, { typing_status: 'on' })).status).toBe(200);
    expect((await widget.waitFor((e) => e.event === 'conversation.typing_on')).data).toEqual({ id: displayId });
    expect((await agent.post(typingPath, { typing_status: 'off' })).status).toBe(200);
    await widget.waitFor((e) => e.event === 'conversation.typing_off');
    // The private one came first and would be first here had it been sent.
    expect(widget.events.filter((e) => e.event === 'conversation.typing_on')).toHaveLength(1);
  } finally {
    await widget.close();
    await consoleStream.close();
  }
  const invalid = await agent.post(typingPath, { typing_status: 'maybe' });
  expect(invalid.status).toBe(422);
  expect(JSON.stringify(invalid.body.error)).toContain('typing_status');
});
