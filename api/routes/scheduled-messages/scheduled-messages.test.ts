import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { scheduledWorkflowId } from '../../../workflows/scheduled/definitions.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest();

describe('scheduled messages', () => {
  it('one edited to a sooner time is sent then with its file, one cancelled never is; system messages record each step', { timeout: 60_000 }, async ({ stack, account, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Sam Schedule' });
    const conversation = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const path = `${base}/conversations/${conversation.body.id}/scheduled_messages`;
    const now = Math.floor(Date.now() / 1000);

    const form = new FormData();
    form.set('content', 'Your order ships today');
    form.set('send_at', String(now + 3600));
    form.append('attachments[]', new File([Buffer.from('SHIPPING LABEL')], 'label.txt', { type: 'text/plain' }));
    const edited = await agent.post(path, form);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'pending', send_at: now + 3600, attachments: [{ file_name: 'label.txt' }] });
    const cancelled = await agent.post(path, { content: 'Never mind', send_at: new Date((now + 600) * 1000).toISOString() });
    expect(cancelled.status).toBe(200);

    expect((await agent.get(path)).body.payload.map((m: { id: number }) => m.id)).toEqual([cancelled.body.id, edited.body.id]);
    expect((await agent.delete(`${path}/${cancelled.body.id}`)).body.status).toBe('cancelled');
    // Measured again here: on a loaded machine the steps above can take seconds.
    const newTime = Math.floor(Date.now() / 1000) + 4;
    const moved = await agent.patch(`${path}/${edited.body.id}`, { send_at: newTime, content: 'Your order ships today!' });
    expect(moved.body).toMatchObject({ send_at: newTime, content: 'Your order ships today!' });

    const fired = await stack.temporal.workflow.getHandle(scheduledWorkflowId(edited.body.id)).result();
    expect(fired).toBe('sent');
    expect(await stack.temporal.workflow.getHandle(scheduledWorkflowId(cancelled.body.id)).result()).toBe('cancelled');

    const messages = (await agent.get(`${base}/conversations/${conversation.body.id}/messages`)).body.payload;
    const outgoing = messages.filter((m: { message_type: number }) => m.message_type === 1);
    expect(outgoing).toHaveLength(1);
    expect(outgoing[0]).toMatchObject({ content: 'Your order ships today!', status: 'sent', sender: { id: account.agent.id } });
    expect(outgoing[0].created_at).toBeGreaterThanOrEqual(newTime);
    expect(outgoing[0].attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['label.txt']);
    const system = messages.filter((m: { message_type: number }) => m.message_type === 2).map((m: { content: string }) => m.content);
    expect(system.filter((text: string) => text.includes('scheduled a message for'))).toHaveLength(2);
    expect(system.filter((text: string) => text.includes('cancelled the message scheduled for'))).toHaveLength(1);
    expect(system.filter((text: string) => text.endsWith('was sent'))).toHaveLength(1);
    const listed = (await agent.get(path)).body.payload;
    expect(listed.find((m: { id: number }) => m.id === edited.body.id)).toMatchObject({ status: 'sent', message_id: outgoing[0].id });

    // Too late to change either.
    expect((await agent.patch(`${path}/${edited.body.id}`, { content: 'changed' })).status).toBe(409);
    expect((await agent.delete(`${path}/${cancelled.body.id}`)).status).toBe(409);
  });

  it('refuses a time in the past (422 naming send_at) and hides another inbox’s conversation (404)', async ({ stack, account, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const outsider = apiClient(stack, account.outsider.token);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Pat Past' });
    const conversation = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const path = `${base}/conversations/${conversation.body.id}/scheduled_messages`;
    const past = await agent.post(path, { content: 'late', send_at: Math.floor(Date.now() / 1000) - 60 });
    expect(past.status).toBe(422);
    expect(past.body.error.field).toBe('send_at');
    const empty = await agent.post(path, { send_at: Math.floor(Date.now() / 1000) + 60 });
    expect(empty.status).toBe(422);
    expect(empty.body.error.field).toBe('content');
    expect((await outsider.get(path)).status).toBe(404);
    expect((await agent.get(path)).body.payload).toEqual([]);
  });
});
