import { describe, expect } from 'vitest';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false });

describe('direct messages between two agents, live, with the bell', () => {
  it('one agent starts a conversation with @; the other is notified by the bell, opens it from there and answers; both see it live', async ({ account, web, signedInPage }) => {
    const alan = await signedInPage(account.agent);
    const olga = await signedInPage(account.outsider);

    await alan.getByTestId('nav-direct-messages').click();
    await alan.getByTestId('dm-new').click();
    // A draft that is discarded leaves nothing.
    await alan.getByTestId('dm-first-message').fill('never sent');
    await alan.getByTestId('dm-discard').click();
    await alan.getByTestId('dm-new').click();
    expect(await alan.getByTestId('dm-first-message').inputValue()).toBe('');

    await alan.getByTestId('dm-people-input').fill('@Olga');
    await alan.getByTestId('dm-suggestion').first().waitFor();
    await alan.getByTestId('dm-people-input').press('Enter');
    await expect.poll(() => alan.getByTestId('dm-picked').allInnerTexts()).toEqual([expect.stringContaining('Olga Outsider')]);
    await alan.getByTestId('dm-first-message').fill('Olga, can you cover my chats at 3?');
    await alan.getByTestId('dm-send-first').click();
    await alan.getByTestId('dm-thread').waitFor();
    await expect.poll(() => alan.getByTestId('dm-message-content').allInnerTexts()).toEqual(['Olga, can you cover my chats at 3?']);

    // Olga's open console hears of it at once: the bell counts it, and it lists what happened.
    await expect.poll(() => olga.getByTestId('notification-count').textContent().catch(() => null)).toBe('1');
    await olga.getByTestId('notification-bell').click();
    const item = olga.getByTestId('notification-item').first();
    expect(await item.textContent()).toContain('Alan Agent');
    expect(await item.getAttribute('data-read')).toBe('false');
    await item.click();
    await olga.getByTestId('dm-thread').waitFor();
    await expect.poll(() => olga.getByTestId('dm-message-content').allInnerTexts()).toEqual(['Olga, can you cover my chats at 3?']);
    // Opening it read it: the bell has nothing unread.
    await expect.poll(() => olga.getByTestId('notification-count').count(), { timeout: 10_000 }).toBe(0);

    await olga.getByTestId('dm-draft-input').fill('Sure, from 3 to 5.');
    await olga.getByTestId('dm-draft-input').press('Enter');
    await expect.poll(() => alan.getByTestId('dm-message-content').allInnerTexts()).toEqual(['Olga, can you cover my chats at 3?', 'Sure, from 3 to 5.']);
    await expect.poll(() => olga.getByTestId('dm-message-content').allInnerTexts()).toEqual(['Olga, can you cover my chats at 3?', 'Sure, from 3 to 5.']);
  });

  it('the administrator, not a participant, does not see the conversation', async ({ account, web, client, base, signedInPage }) => {
    const conversations = (await client.get(`${base}/direct_conversations`)).body.payload;
    expect(conversations).toEqual([]);
    const admin = await signedInPage(account.admin);
    await admin.goto(`${web.origin}/app/accounts/${account.account.id}/direct-messages`);
    await admin.getByTestId('dm-new').waitFor();
    expect(await admin.getByTestId('dm-item').count()).toBe(0);
  });
});
