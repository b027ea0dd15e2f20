import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const messageCount = 60;
const labelColor = '#d9480f';

const it = browserTest()
  .extend('displayId', { scope: 'file' }, async ({ stack, account, client: admin, base }) => {
    // Administrators create labels; the agent below may only use them.
    await admin.post(`${base}/labels`, { title: 'billing-issue', color: labelColor });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Paula Pager' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    // More than one page (50), so the oldest are only reachable through "Load older messages".
    for (let n = 1; n <= messageCount; n++) {
      await admin.post(`${base}/conversations/${displayId}/messages`, { content: `note number ${n}`, message_type: 'incoming' });
    }
    return displayId;
  })
  .extend('openConversation', async ({ account, web, displayId, signedInPage }) => async (): Promise<Page> => {
    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    await page.getByTestId('conversation-view').waitFor();
    return page;
  });

// Sixty messages take a while on a busy machine: written under the hook's timeout, not the test's.
it.beforeAll(async ({ displayId }) => void displayId, 240_000);

describe('an agent works one conversation in the console', () => {
  it('pages back to the oldest messages, assigns, labels and resolves, and a reload shows the same', async ({ account, client: admin, base, displayId, openConversation }) => {
    const page = await openConversation();
    const list = page.getByTestId('message-list');
    await expect.poll(() => list.getByText(`note number ${messageCount}`, { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await list.getByText('note number 1', { exact: true }).count()).toBe(0);
    // Opening scrolls to the newest message.
    const scrolledToBottom = () =>
      page.getByTestId('message-list').evaluate((element) => {
        const scroller = element.parentElement!;
        return scroller.scrollHeight > scroller.clientHeight && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2;
      });
    await expect.poll(scrolledToBottom, { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await expect.poll(() => list.getByText('note number 1', { exact: true }).count(), { timeout: 10_000 }).toBe(1);

    await page.getByTestId('assignee-select').selectOption(String(account.agent.id));
    const toasts = () => page.getByTestId('toast').allInnerTexts();
    await expect.poll(toasts).toContainEqual(expect.stringContaining('Assigned to Alan Agent'));
    // A label nobody created: the agent is told at once, and the conversation keeps no label.
    await page.getByTestId('label-input').fill('Made Up');
    await page.getByTestId('label-input').press('Enter');
    await expect.poll(() => page.getByTestId('label-hint').textContent(), { timeout: 10_000 }).toContain('made-up');
    expect(await page.getByTestId('conversation-label').count()).toBe(0);
    await page.getByTestId('label-input').fill('Billing Issue');
    await page.getByTestId('label-input').press('Enter');
    await expect.poll(() => page.getByTestId('conversation-label').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('billing-issue')]);
    await expect.poll(toasts).toContainEqual(expect.stringContaining('Label billing-issue added'));
    // The list card shows it too, in the label's colour.
    const card = page.locator(`[data-testid="conversation-item"][data-conversation-id="${displayId}"]`);
    await expect.poll(() => card.getByTestId('conversation-card-labels').textContent()).toContain('billing-issue');
    expect(await card.locator('.label-chip').evaluate((chip) => getComputedStyle(chip).getPropertyValue('--label-color').trim())).toBe(labelColor);
    await page.getByTestId('resolve-button').click();
    await expect.poll(() => page.getByTestId('conversation-view').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
    await expect.poll(toasts).toContainEqual(expect.stringContaining('Conversation resolved'));
    expect(await page.getByTestId('toast-error').count()).toBe(0);

    const stored = await admin.get(`${base}/conversations/${displayId}`);
    expect(stored.body).toMatchObject({ status: 'resolved', labels: ['billing-issue'], meta: { assignee: { id: account.agent.id } } });

    await page.reload();
    await page.getByTestId('conversation-view').waitFor();
    expect(await page.getByTestId('conversation-view').getAttribute('data-status')).toBe('resolved');
    expect(await page.getByTestId('assignee-select').inputValue()).toBe(String(account.agent.id));
    expect(await page.getByTestId('conversation-label').allInnerTexts()).toEqual([expect.stringContaining('billing-issue')]);
  });
});
