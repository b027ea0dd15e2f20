import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { readEventStream, startVisitor } from '../../../tests/support/visitor.js';

const it = apiTest({ worker: false });

/** A widget conversation the inbox's agent answered with a file. */
async function answeredConversation(stack: TestStack, account: TestAccount, address: string) {
  const visitor = await startVisitor(stack, account, address);
  const displayId = await visitor.startConversation();
  const agent = apiClient(stack, account.agent.token);
  const messagesPath = `/api/v1/accounts/${account.account.id}/conversations/${displayId}/messages`;
  const form = new FormData();
  form.append('content', 'Here is your invoice');
  form.append('attachments[]', new File([Buffer.from('%PDF-1.7 the invoice')], 'invoice.pdf', { type: 'application/pdf' }));
  const reply = await agent.post(messagesPath, form);
  expect(reply.status).toBe(200);
  return { visitor, displayId, agent, messagesPath, reply: reply.body };
}

it('leaves Chatwoot’s stub, removes the files, and the widget shows it at once', async ({ stack, account }) => {
  const { visitor, displayId, agent, messagesPath, reply } = await answeredConversation(stack, account, '10.61.0.1');
  const fileUrl = reply.attachments[0].data_url as string;
  expect((await agent.raw(fileUrl)).status).toBe(200);
  const stream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
  try {
    await stream.waitFor((e) => e.event === 'ready');
    const deleted = await agent.delete(`${messagesPath}/${reply.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: reply.id, content: 'This message was deleted', content_attributes: { deleted: true }, attachments: [] });
    const live = await stream.waitFor((e) => e.event === 'message.updated' && e.data.id === reply.id);
    expect(live.data).toMatchObject({ content: 'This message was deleted', attachments: [] });
  } finally {
    await stream.close();
  }
  expect((await agent.raw(fileUrl)).status).toBe(404);
  const listed = await agent.get(messagesPath);
  expect(listed.body.payload.find((m: { id: number }) => m.id === reply.id)).toMatchObject({ content: 'This message was deleted', attachments: [] });
  const widgetSees = await visitor.client.get(`${visitor.contactPath}/conversations/${displayId}/messages`);
  expect(widgetSees.body.find((m: { id: number }) => m.id === reply.id)).toMatchObject({ content: 'This message was deleted', attachments: [] });
  // Deleting the stub again changes nothing.
  expect((await agent.delete(`${messagesPath}/${reply.id}`)).body).toMatchObject({ content: 'This message was deleted' });
});

it('lets an administrator delete the customer’s message too', async ({ stack, account, client, base }) => {
  const visitor = await startVisitor(stack, account, '10.61.0.2');
  const displayId = await visitor.startConversation();
  const written = await visitor.client.post(`${visitor.contactPath}/conversations/${displayId}/messages`, { content: 'my card number is 4111…' });
  const deleted = await client.delete(`${base}/conversations/${displayId}/messages/${written.body.id}`);
  expect(deleted.status).toBe(200);
  expect(deleted.body.content).toBe('This message was deleted');
});

it('answers 404 for a message of another conversation or none, and refuses activity lines', async ({ stack, account, client, base }) => {
  const first = await answeredConversation(stack, account, '10.61.0.3');
  const second = await answeredConversation(stack, account, '10.61.0.4');
  const elsewhere = await client.delete(`${base}/conversations/${second.displayId}/messages/${first.reply.id}`);
  expect(elsewhere.status).toBe(404);
  expect((await client.delete(`${base}/conversations/${first.displayId}/messages/999999999`)).status).toBe(404);
  const malformed = await client.delete(`${base}/conversations/${first.displayId}/messages/abc`);
  expect(malformed.status).toBe(422);
  expect(JSON.stringify(malformed.body.error)).toContain('message_id');
  expect((await client.post(`${base}/conversations/${first.displayId}/toggle_priority`, { priority: 'high' })).status).toBe(200);
  const activity = (await client.get(`${base}/conversations/${first.displayId}/messages`)).body.payload.find((m: { message_type: number }) => m.message_type === 2);
  const refused = await client.delete(`${base}/conversations/${first.displayId}/messages/${activity.id}`);
  expect(refused.status).toBe(403);
  expect((await first.agent.raw(first.reply.attachments[0].data_url)).status).toBe(200);
});

it('lets an agent delete only their own messages, and nobody outside the inbox or account', async ({ stack, account, otherAccount }) => {
  const { visitor, displayId, messagesPath, reply } = await answeredConversation(stack, account, '10.61.0.5');
  const written = await visitor.client.post(`${visitor.contactPath}/conversations/${displayId}/messages`, { content: 'Thanks' });
  const agent = apiClient(stack, account.agent.token);
  const notTheirs = await agent.delete(`${messagesPath}/${written.body.id}`);
  expect(notTheirs.status).toBe(403);
  const outsider = await apiClient(stack, account.outsider.token).delete(`${messagesPath}/${reply.id}`);
  expect(outsider.status).toBe(404);
  const stranger = await apiClient(stack, otherAccount.admin.token).delete(`${messagesPath}/${reply.id}`);
  expect(stranger.status).toBe(404);
  const crossAccount = await apiClient(stack, otherAccount.admin.token).delete(`/api/v1/accounts/${otherAccount.account.id}/conversations/${displayId}/messages/${reply.id}`);
  expect(crossAccount.status).toBe(404);
  const untouched = (await agent.get(messagesPath)).body.payload.find((m: { id: number }) => m.id === reply.id);
  expect(untouched).toMatchObject({ content: 'Here is your invoice' });
  expect(untouched.attachments).toHaveLength(1);
});
