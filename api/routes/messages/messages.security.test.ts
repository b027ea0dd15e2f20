import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { attachments } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { startVisitor } from '../../../tests/support/visitor.js';

/** echo_id and source_id are retry keys of one sender: a clash never hands out someone else's message. */
describe('message idempotency keys', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;
  let base: string;
  let contactId: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    admin = apiClient(stack, account.admin.token);
    base = `/api/v1/accounts/${account.account.id}`;
    contactId = (await insertContact(stack.db, { accountId: account.account.id, name: 'Carla Customer' })).id;
  });
  afterAll(() => stack.close());

  const openApiConversation = async () => {
    const created = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contactId });
    expect(created.status).toBe(200);
    return created.body.id as number;
  };
  const contentsOf = async (id: number) => (await agent.get(`${base}/conversations/${id}/messages`)).body.payload.map((m: { content: string }) => m.content);

  it('the same sender retrying with the same keys gets its own message back and nothing new is stored', async () => {
    const id = await openApiConversation();
    const body = { content: 'delivered once', message_type: 'incoming', echo_id: 'same-1', source_id: '<mail-0@example.test>' };
    const first = await agent.post(`${base}/conversations/${id}/messages`, body);
    const retry = await agent.post(`${base}/conversations/${id}/messages`, body);
    const bySourceOnly = await agent.post(`${base}/conversations/${id}/messages`, { ...body, echo_id: undefined });
    expect([first.status, retry.status, bySourceOnly.status]).toEqual([200, 200, 200]);
    expect(retry.body.id).toBe(first.body.id);
    expect(bySourceOnly.body.id).toBe(first.body.id);
    expect(await contentsOf(id)).toEqual(['delivered once']);
  });

  it("a visitor replaying the echo id of an agent's private note gets a 409, never the note", async () => {
    const visitor = await startVisitor(stack, account, '10.7.0.1', { name: 'Vera' });
    const id = await visitor.startConversation();
    const note = await agent.post(`${base}/conversations/${id}/messages`, { content: 'internal: refund code 9911', private: true, echo_id: 'note-1' });
    expect(note.status).toBe(200);

    const replay = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'hello', echo_id: 'note-1' });
    expect(replay.status).toBe(409);
    expect(replay.body.error).toMatchObject({ code: 'CONFLICT', field: 'echo_id' });
    expect(JSON.stringify(replay.body)).not.toContain('9911');
    expect(await contentsOf(id)).toEqual(['internal: refund code 9911']);
  });

  it("an agent whose echo id collides with a colleague's reply is told (409), not silently handed the colleague's message", async () => {
    const visitor = await startVisitor(stack, account, '10.7.0.2');
    const id = await visitor.startConversation();
    const first = await agent.post(`${base}/conversations/${id}/messages`, { content: 'from the agent', echo_id: 'shared-key' });
    expect(first.status).toBe(200);
    const colliding = await admin.post(`${base}/conversations/${id}/messages`, { content: 'from the admin', echo_id: 'shared-key' });
    expect(colliding.status).toBe(409);
    expect(colliding.body.error.field).toBe('echo_id');
    expect(JSON.stringify(colliding.body)).not.toContain('from the agent');
  });

  it('the same sender retrying a private note as a public reply is a conflict, not the note', async () => {
    const id = await openApiConversation();
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'note text', private: true, echo_id: 'retry-kind' });
    const asReply = await agent.post(`${base}/conversations/${id}/messages`, { content: 'note text', echo_id: 'retry-kind' });
    expect(asReply.status).toBe(409);
    expect(asReply.body.error.field).toBe('echo_id');
  });

  it("a source_id already used in another conversation of the inbox answers 409 naming source_id, without that conversation's content", async () => {
    const first = await openApiConversation();
    const second = await openApiConversation();
    const original = await agent.post(`${base}/conversations/${first}/messages`, { content: 'secret of the first', message_type: 'incoming', source_id: '<mail-1@example.test>' });
    expect(original.status).toBe(200);
    const clash = await agent.post(`${base}/conversations/${second}/messages`, { content: 'other', message_type: 'incoming', source_id: '<mail-1@example.test>' });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'CONFLICT', field: 'source_id' });
    expect(JSON.stringify(clash.body)).not.toContain('secret of the first');
    expect(await contentsOf(second)).toEqual([]);
  });

  it('a fresh echo_id with a colliding source_id answers 409 naming source_id (it used to be a 500)', async () => {
    const first = await openApiConversation();
    const second = await openApiConversation();
    await agent.post(`${base}/conversations/${first}/messages`, { content: 'one', message_type: 'incoming', source_id: '<mail-2@example.test>', echo_id: 'e-1' });
    const clash = await agent.post(`${base}/conversations/${second}/messages`, { content: 'two', message_type: 'incoming', source_id: '<mail-2@example.test>', echo_id: 'e-2' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.field).toBe('source_id');
    // Same conversation, a new echo id but the source id of a message that has another echo id: still the source's clash.
    const sameConversation = await agent.post(`${base}/conversations/${first}/messages`, { content: 'one', message_type: 'incoming', source_id: '<mail-2@example.test>', echo_id: 'e-3' });
    expect(sameConversation.status).toBe(200);
    expect(await contentsOf(first)).toEqual(['one']);
  });

  it('an echo id that points at one message and a source id that points at another is a 409 naming source_id', async () => {
    const id = await openApiConversation();
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'a', message_type: 'incoming', echo_id: 'pair-a' });
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'b', message_type: 'incoming', source_id: '<mail-3@example.test>' });
    const mixed = await agent.post(`${base}/conversations/${id}/messages`, { content: 'c', message_type: 'incoming', echo_id: 'pair-a', source_id: '<mail-3@example.test>' });
    expect(mixed.status).toBe(409);
    expect(mixed.body.error.field).toBe('source_id');
    expect(await contentsOf(id)).toEqual(['a', 'b']);
  });

  it('a retried attachment upload that clashes writes no file', async () => {
    const visitor = await startVisitor(stack, account, '10.7.0.3');
    const id = await visitor.startConversation();
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'note', private: true, echo_id: 'upload-key' });
    const form = new FormData();
    form.append('echo_id', 'upload-key');
    form.append('attachments[]', new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], 'a.pdf', { type: 'application/pdf' }));
    const upload = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, form);
    expect(upload.status).toBe(409);
    // No test in this file stores a file, so any attachment row would be this request's half-write.
    expect(await stack.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.accountId, account.account.id))).toEqual([]);
    expect(await contentsOf(id)).toEqual(['note']);
  });
});
