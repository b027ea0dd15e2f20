import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { insertContact } from '../../db/queries/contacts.js';
import { dmDigestWorkflowId } from '../../workflows/dm-digest/definitions.js';
import { bodyOf } from '../support/mailbox.js';
import { browserTest } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';

const digestDelayMs = 3000;
const it = browserTest({ mail: true, notificationDigestDelayMs: digestDelayMs });

/** Records every system notification the console raises, keeping the real Notification API underneath. */
function recordBrowserNotifications() {
  const calls: Array<{ title: string; body: string }> = [];
  (window as unknown as { raisedNotifications: typeof calls }).raisedNotifications = calls;
  const Original = window.Notification;
  class Recording extends Original {
    constructor(title: string, options?: NotificationOptions) {
      calls.push({ title, body: options?.body ?? '' });
      super(title, options);
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Original.permission });
  Object.defineProperty(Recording, 'requestPermission', { value: Original.requestPermission.bind(Original) });
  window.Notification = Recording as typeof Notification;
}

const raised = (page: Page) => page.evaluate(() => (window as unknown as { raisedNotifications?: Array<{ title: string; body: string }> }).raisedNotifications ?? []);

describe('notifications in the console', () => {
  it('agent B is assigned a conversation by A: B’s bell counts one, live, the tab title says so, and with “browser notification” on the Notification API is called', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Bea Bell' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;

    const alan = await signedInPage(account.agent, { permissions: ['notifications'], locale: 'en-US' });
    await alan.context().addInitScript(recordBrowserNotifications);
    await alan.goto(`${web.origin}/app/accounts/${account.account.id}/settings/notifications`);
    // The browser granted the permission, so no button asks for it; Alan turns the browser notification on for assignments.
    await expect.poll(() => alan.getByTestId('browser-permission').getAttribute('data-permission')).toBe('granted');
    await alan.getByTestId('notification-conversation_assignment-browser').check();
    await expect.poll(async () => (await apiClient(stack, account.agent.token).get(`${base}/notification_settings`)).body.selected_push_flags).toEqual(['push_conversation_assignment']);
    await alan.getByTestId('settings-nav-notifications').waitFor();
    await alan.goto(`${web.origin}/app/accounts/${account.account.id}/conversations`);
    await alan.getByTestId('notification-bell').waitFor();
    expect(await alan.getByTestId('notification-count').count()).toBe(0);
    expect(await alan.title()).not.toMatch(/^\(\d+\)/);

    const ada = await signedInPage(account.admin, { locale: 'en-US' });
    await ada.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    await ada.getByTestId('conversation-view').waitFor();
    await ada.getByTestId('assignee-select').focus();
    await ada.getByTestId('assignee-select').selectOption(String(account.agent.id));

    await expect.poll(() => alan.getByTestId('notification-count').textContent().catch(() => null), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => alan.title()).toMatch(/^\(1\) /);
    await expect.poll(() => raised(alan)).toEqual([{ title: `Ada Admin assigned you conversation #${displayId}`, body: '' }]);
    await alan.getByTestId('notification-bell').click();
    expect(await alan.getByTestId('notification-item').first().textContent()).toContain(`Ada Admin assigned you conversation #${displayId}`);
    // Opening it reads it: the count and the title's number go.
    await alan.getByTestId('notification-item').first().click();
    await alan.getByTestId('conversation-view').waitFor();
    await expect.poll(() => alan.getByTestId('notification-count').count()).toBe(0);
    await expect.poll(() => alan.title()).not.toMatch(/^\(\d+\)/);
  });

  it('the digest mail arrives once after the delay when the notification stays unread, and none when it is read first', async ({ stack, account, client: admin, base, web, signedInPage, mailbox }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Dora Digest' });
    const first: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const second: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const alan = await signedInPage(account.agent, { locale: 'en-US' });
    const ada = await signedInPage(account.admin, { locale: 'en-US' });
    const digestRounds = async () => {
      const history = await stack.temporal.workflow.getHandle(dmDigestWorkflowId(account.admin.id)).fetchHistory();
      return history.events!.filter((event) => event.activityTaskCompletedEventAttributes).length;
    };
    const mailsToAda = () => mailbox!.mailTo(account.admin.email);

    // Alan gives Ada the first conversation; she leaves it unread: one mail, after the delay.
    await alan.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${first}`);
    await alan.getByTestId('conversation-view').waitFor();
    await alan.getByTestId('assignee-select').focus();
    await alan.getByTestId('assignee-select').selectOption(String(account.admin.id));
    await expect.poll(() => ada.getByTestId('notification-count').textContent().catch(() => null), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => mailsToAda().length, { timeout: 30_000 }).toBe(1);
    const mail = bodyOf(mailsToAda()[0]);
    expect(mail).toContain('Assigned to you');
    expect(mail).toContain(`/app/accounts/${account.account.id}/conversations/${first}`);

    // The second she opens from the bell before the delay: the digest round finds nothing unread and mails nothing.
    await alan.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${second}`);
    await alan.getByTestId('conversation-view').waitFor();
    await alan.getByTestId('assignee-select').focus();
    await alan.getByTestId('assignee-select').selectOption(String(account.admin.id));
    await expect.poll(() => ada.getByTestId('notification-count').textContent().catch(() => null), { timeout: 15_000 }).toBe('2');
    await ada.getByTestId('notification-bell').click();
    await ada.getByTestId('notification-item').first().click();
    await expect.poll(() => ada.getByTestId('notification-count').textContent().catch(() => null)).toBe('1');
    await expect.poll(digestRounds, { timeout: 30_000 }).toBe(2);
    expect(mailsToAda()).toHaveLength(1);
    expect((await admin.get(`${base}/notifications`)).body.data.payload.map((n: { primary_actor_id: number; read_at: number | null }) => [n.primary_actor_id, n.read_at !== null])).toEqual([
      [second, true],
      [first, false],
    ]);
  });
});
