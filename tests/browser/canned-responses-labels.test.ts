import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false });

describe('canned responses and labels in the console', () => {
  it('an agent saves a canned response in Settings, then types / and picks it by keyboard: variables are filled, a missing one is highlighted and sending asks first', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Maria Souza' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    await admin.post(`${base}/canned_responses`, { short_code: 'goodbye', content: 'Bye {{contact.name}}!' });

    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/canned-responses`);
    await page.getByTestId('add-canned-response').click();
    await page.getByTestId('canned-short-code').fill('greet');
    await page.getByTestId('canned-content').fill('Hi {{contact.first_name}}, I am {{agent.first_name}} (conversation {{conversation.id}}). We will write to {{contact.email}}.');
    await page.getByTestId('canned-submit').click();
    await expect.poll(() => page.getByTestId('canned-row-code').allInnerTexts(), { timeout: 10_000 }).toEqual(['/goodbye', '/greet']);

    await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    const input = page.getByTestId('reply-input');
    await input.click();
    await input.pressSequentially('Hello! /g');
    await expect.poll(() => page.getByTestId('canned-option').allInnerTexts(), { timeout: 10_000 }).toHaveLength(2);
    // Narrowing the word narrows the picker; arrows move, Esc closes, and typing reopens it.
    await input.pressSequentially('r');
    await expect.poll(() => page.getByTestId('canned-option').count()).toBe(1);
    await input.press('Escape');
    await expect.poll(() => page.getByTestId('canned-picker').count()).toBe(0);
    await input.press('Backspace');
    await expect.poll(() => page.getByTestId('canned-option').count()).toBe(2);
    await input.press('ArrowDown');
    await expect.poll(() => page.locator('[data-testid="canned-option"][aria-selected="true"]').innerText()).toContain('/greet');
    await input.press('Enter');

    const filled = `Hello! Hi Maria, I am Alan (conversation ${displayId}). We will write to {{contact.email}}.`;
    await expect.poll(() => input.inputValue()).toBe(filled);
    await expect.poll(() => page.getByTestId('reply-unresolved').locator('mark').allInnerTexts()).toEqual(['{{contact.email}}']);

    // The first send is declined at the question: nothing goes out, the draft stays.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(filled);
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('{{contact.email}}');
      void dialog.accept();
    });
    await page.getByTestId('send-button').click();
    await expect
      .poll(async () => (await admin.get(`${base}/conversations/${displayId}/messages`)).body.payload.map((m: { content: string }) => m.content), { timeout: 10_000 })
      .toContain(filled);
  });

  it('an administrator makes labels in Settings › Labels; the list filters by a sidebar label', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const open = async (name: string) => {
      const contact = await insertContact(stack.db, { accountId: account.account.id, name });
      return (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id as number;
    };
    const billed = await open('Bill Billing');
    const other = await open('Otto Other');

    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/labels`);
    await page.getByTestId('add-label').click();
    await page.getByTestId('label-title').fill('billing');
    await page.getByTestId('label-description').fill('Money matters');
    await page.getByTestId('label-submit').click();
    await page.getByTestId('add-label').click();
    await page.getByTestId('label-title').fill('hidden');
    await page.getByTestId('label-sidebar').uncheck();
    await page.getByTestId('label-submit').click();
    await expect.poll(() => page.getByTestId('label-row').count(), { timeout: 10_000 }).toBe(2);
    expect((await admin.get(`${base}/labels`)).body.payload).toMatchObject([
      { title: 'billing', description: 'Money matters', show_on_sidebar: true },
      { title: 'hidden', show_on_sidebar: false },
    ]);
    await admin.post(`${base}/conversations/${billed}/labels`, { labels: ['billing'] });

    await page.getByTestId('nav-conversations').click();
    await page.getByTestId('status-filter').selectOption('all');
    const listed = () => page.getByTestId('conversation-item').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-conversation-id'))));
    await expect.poll(listed, { timeout: 10_000 }).toEqual(expect.arrayContaining([billed, other]));
    // Only labels shown in the sidebar are offered.
    expect(await page.getByTestId('label-filter').locator('option').allInnerTexts()).toEqual(['Show all labels', 'Label: billing']);
    await page.getByTestId('label-filter').selectOption('billing');
    await expect.poll(listed, { timeout: 10_000 }).toEqual([billed]);
    await page.getByTestId('label-filter').selectOption('');
    await expect.poll(listed, { timeout: 10_000 }).toEqual(expect.arrayContaining([billed, other]));
  });
});
