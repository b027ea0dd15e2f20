import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, messages } from '../../../db/schema/index.js';
import { createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { startVisitor, visitorClient, type Visitor } from '../../../tests/support/visitor.js';

describe('the public client API refuses bad input clearly', () => {
  let stack: TestStack;
  let account: TestAccount;
  let visitor: Visitor;
  let id: number;
  let messagesPath: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    visitor = await startVisitor(stack, account, '10.3.0.1');
    id = await visitor.startConversation();
    messagesPath = `${visitor.contactPath}/conversations/${id}/messages`;
  });
  afterAll(() => stack.close());

  const storedCount = async () => {
    const [conversation] = await stack.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, id)));
    return (await stack.db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, conversation.id))).length;
  };

  it('refuses a message with neither content nor attachments (field content)', async () => {
    for (const body of [{}, { content: '' }, { content: '   ' }]) {
      const sent = await visitor.client.post(messagesPath, body);
      expect(sent.status).toBe(422);
      expect(sent.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'content' });
    }
    expect(await storedCount()).toBe(0);
  });

  it('refuses a bad e-mail or phone number (field email / phone_number)', async () => {
    const client = visitorClient(stack, '10.3.0.2');
    const created = await client.post(`${visitor.inboxPath}/contacts`, { email: 'not-an-email' });
    expect(created.status).toBe(422);
    expect(created.body.error.field).toBe('email');
    const updated = await client.patch(visitor.contactPath, { email: 'still not' });
    expect(updated.status).toBe(422);
    expect(updated.body.error.field).toBe('email');
    const phone = await client.patch(visitor.contactPath, { phone_number: 'call me maybe' });
    expect(phone.status).toBe(422);
    expect(phone.body.error.field).toBe('phone_number');
  });

  it('refuses a malformed identity claim (field identifier / identifier_hash), creating no contact', async () => {
    const client = visitorClient(stack, '10.3.0.3');
    const count = async () => (await stack.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.accountId, account.account.id))).length;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ identifier: 'x'.repeat(256) }, 'identifier'],
      [{ identifier: 42 }, 'identifier'],
      [{ identifier: 'crm-1', identifier_hash: 'f'.repeat(129) }, 'identifier_hash'],
      [{ identifier: 'crm-1', identifier_hash: ['abc'] }, 'identifier_hash'],
    ];
    for (const [body, field] of cases) {
      const created = await client.post(`${visitor.inboxPath}/contacts`, body);
      expect(created.status).toBe(422);
      expect(created.body.error.field).toBe(field);
      const updated = await client.patch(visitor.contactPath, body);
      expect(updated.status).toBe(422);
      expect(updated.body.error.field).toBe(field);
    }
    expect(await count()).toBe(before);
  });

  it('refuses disallowed attachments (field attachments) and stores nothing', async () => {
    const svg = new FormData();
    svg.append('content', 'see picture');
    svg.append('attachments[]', new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], 'x.svg', { type: 'image/svg+xml' }));
    const refusedSvg = await visitor.client.post(messagesPath, svg);
    expect(refusedSvg.status).toBe(422);
    expect(refusedSvg.body.error.field).toBe('attachments');

    const fakePng = new FormData();
    fakePng.append('attachments[]', new File(['<html><script>alert(1)</script></html>'], 'photo.png', { type: 'image/png' }));
    const refusedPng = await visitor.client.post(messagesPath, fakePng);
    expect(refusedPng.status).toBe(422);
    expect(refusedPng.body.error.field).toBe('attachments');
    expect(await storedCount()).toBe(0);
  });

  it('accepts a real PNG attachment through multipart', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const form = new FormData();
    form.append('attachments[]', new File([png], 'photo.png', { type: 'image/png' }));
    form.append('echo_id', 'upload-1');
    const sent = await visitor.client.post(messagesPath, form);
    expect(sent.status).toBe(200);
    expect(sent.body.attachments).toHaveLength(1);
    expect(sent.body.attachments[0]).toMatchObject({ file_type: 'image', file_name: 'photo.png' });
  });

  it('answers 404 for a conversation id that does not exist and 422 for one that is not a number', async () => {
    expect((await visitor.client.get(`${visitor.contactPath}/conversations/999999/messages`)).status).toBe(404);
    const bad = await visitor.client.get(`${visitor.contactPath}/conversations/abc/messages`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('conversation_id');
  });

  it('refuses malformed JSON with a 400 and no stack trace', async () => {
    const response = await visitor.client.raw(messagesPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content":' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});
