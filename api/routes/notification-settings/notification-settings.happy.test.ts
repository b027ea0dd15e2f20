import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest();

type Notification = { notification_type: string; primary_actor_id: number; push_message_title: string };

describe('notification settings and the kinds they govern', () => {
  it('starts with the bell and the digest on for every kind, browser notification and sound off, in Chatwoot’s shape', async ({ stack, account, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const settings = (await agent.get(`${base}/notification_settings`)).body;
    expect(settings).toMatchObject({ account_id: account.account.id, user_id: account.agent.id, selected_push_flags: [] });
    expect(settings.selected_email_flags).toEqual([
      'email_conversation_assignment',
      'email_conversation_mention',
      'email_assigned_conversation_new_message',
      'email_participating_conversation_reopened',
      'email_direct_message',
    ]);
    expect(settings.preferences.conversation_assignment).toEqual({ console: true, browser: false, sound: false, email: true });
  });

  it('takes Chatwoot’s flag lists and Parley’s per-channel choices, and keeps them per user', async ({ stack, account, base }) => {
    const outsider = apiClient(stack, account.outsider.token);
    const chatwoot = await outsider.patch(`${base}/notification_settings`, {
      notification_settings: { selected_email_flags: ['email_direct_message'], selected_push_flags: ['push_conversation_assignment', 'push_conversation_mention'] },
    });
    expect(chatwoot.status).toBe(200);
    expect(chatwoot.body).toMatchObject({ selected_email_flags: ['email_direct_message'], selected_push_flags: ['push_conversation_assignment', 'push_conversation_mention'] });
    const parley = await outsider.patch(`${base}/notification_settings`, { preferences: { conversation_assignment: { sound: true, console: false } } });
    expect(parley.body.preferences.conversation_assignment).toEqual({ console: false, browser: true, sound: true, email: false });
    expect((await outsider.get(`${base}/notification_settings`)).body.preferences.conversation_mention).toEqual({ console: true, browser: true, sound: false, email: false });
    // Another user's settings are untouched.
    expect((await apiClient(stack, account.admin.token).get(`${base}/notification_settings`)).body.selected_push_flags).toEqual([]);
  });

  it('notifies the agent assigned a conversation, then of each new message from someone else, then when it is reopened; a kind with the bell off stays out of the bell', async ({ stack, account, client: admin, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Nina Notified' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const bell = async () => (await agent.get(`${base}/notifications`)).body.data as { meta: { unread_count: number }; payload: Notification[] };

    await admin.post(`${base}/conversations/${displayId}/assignments`, { assignee_id: account.agent.id });
    expect((await bell()).payload).toEqual([expect.objectContaining({ notification_type: 'conversation_assignment', primary_actor_id: displayId, push_message_title: `Ada Admin assigned you conversation #${displayId}` })]);

    // The customer writes and the administrator answers: two; the agent's own reply is not news to them.
    await admin.post(`${base}/conversations/${displayId}/messages`, { content: 'My parcel is late', message_type: 'incoming' });
    await admin.post(`${base}/conversations/${displayId}/messages`, { content: 'Looking into it', message_type: 'outgoing' });
    await agent.post(`${base}/conversations/${displayId}/messages`, { content: 'On it', message_type: 'outgoing' });
    const afterMessages = await bell();
    expect(afterMessages.payload.map((n) => n.notification_type)).toEqual(['assigned_conversation_new_message', 'assigned_conversation_new_message', 'conversation_assignment']);
    expect(afterMessages.meta.unread_count).toBe(3);

    // Resolved and reopened by the administrator: the agent, who wrote in it, hears of it.
    await admin.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    await waitUntil(async () => (await admin.get(`${base}/conversations/${displayId}`)).body.status === 'resolved', 'the conversation resolved');
    await admin.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'open' });
    await waitUntil(async () => (await bell()).payload.some((n) => n.notification_type === 'participating_conversation_reopened'), 'the reopening notification');

    // The bell leaves out the kinds the agent keeps out of the console; the rest stay.
    await agent.patch(`${base}/notification_settings`, { preferences: { assigned_conversation_new_message: { console: false } } });
    const filtered = await bell();
    expect(filtered.payload.map((n) => n.notification_type)).toEqual(['participating_conversation_reopened', 'conversation_assignment']);
    expect(filtered.meta.unread_count).toBe(2);
    expect((await agent.get(`${base}/notifications/unread_count`)).body).toBe(2);
  });

  it('records nothing of a kind whose every channel is off', async ({ stack, account, client: admin, base }) => {
    const agent = apiClient(stack, account.agent.token);
    await agent.patch(`${base}/notification_settings`, { preferences: { conversation_assignment: { console: false, browser: false, sound: false, email: false } } });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Quiet Quentin' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    await admin.post(`${base}/conversations/${displayId}/assignments`, { assignee_id: account.agent.id });
    await agent.patch(`${base}/notification_settings`, { preferences: { conversation_assignment: { console: true } } });
    const aboutIt = (await agent.get(`${base}/notifications`)).body.data.payload.filter((n: Notification) => n.primary_actor_id === displayId);
    expect(aboutIt).toEqual([]);
  });
});
