import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { launchChromium, serveConsole } from '../support/browser.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

describe('an agent works one conversation in the console', () => {
  let stack: TestStack;
  let account: TestAccount;
  let web: Awaited<ReturnType<typeof serveConsole>>;
  let browser: Browser;
  let displayId: number;
  const messageCount = 60;

  beforeAll(async () => {
    stack = await startTestStack();
    account = await createTestAccount(stack);
    web = await serveConsole(stack);
    const admin = apiClient(stack, account.admin.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    // Administrators create labels; the agent below may only use them.
    await admin.post(`${base}/labels`, { title: 'billing-issue' });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Paula Pager' });
    displayId = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    // More than one page (50), so the oldest are only reachable through "Load older messages".
    for (let n = 1; n <= messageCount; n++) {
      await admin.post(`${base}/conversations/${displayId}/messages`, { content: `note number ${n}`, message_type: 'incoming' });
    }
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await stack?.close();
  });

  async function openConversation(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${web.origin}/login`);
    await page.getByTestId('login-email').fill(account.agent.email);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-password').press('Enter');
    await page.waitForURL(/\/conversations/);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    await page.getByTestId('conversation-view').waitFor();
    return page;
  }

  it('pages back to the oldest messages, assigns, labels and resolves, and a reload shows the same', async () => {
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
    // A label nobody created: the agent is told at once, and the conversation keeps no label.
    await page.getByTestId('label-input').fill('Made Up');
    await page.getByTestId('label-input').press('Enter');
    await expect.poll(() => page.getByTestId('label-hint').textContent(), { timeout: 10_000 }).toContain('made-up');
    expect(await page.getByTestId('conversation-label').count()).toBe(0);
    await page.getByTestId('label-input').fill('Billing Issue');
    await page.getByTestId('label-input').press('Enter');
    await expect.poll(() => page.getByTestId('conversation-label').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('billing-issue')]);
    await page.getByTestId('resolve-button').click();
    await expect.poll(() => page.getByTestId('conversation-view').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
    expect(await page.getByTestId('action-error').count()).toBe(0);

    const base = `/api/v1/accounts/${account.account.id}`;
    const stored = await apiClient(stack, account.admin.token).get(`${base}/conversations/${displayId}`);
    expect(stored.body).toMatchObject({ status: 'resolved', labels: ['billing-issue'], meta: { assignee: { id: account.agent.id } } });

    await page.reload();
    await page.getByTestId('conversation-view').waitFor();
    expect(await page.getByTestId('conversation-view').getAttribute('data-status')).toBe('resolved');
    expect(await page.getByTestId('assignee-select').inputValue()).toBe(String(account.agent.id));
    expect(await page.getByTestId('conversation-label').allInnerTexts()).toEqual([expect.stringContaining('billing-issue')]);
  });
});
