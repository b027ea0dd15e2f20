import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { apiClient } from '../support/stack.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest();

describe('the contact page in the console', () => {
  it('an agent labels a contact and keeps a Markdown note, added with Ctrl+Enter, then deletes it', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Nina Notes', email: 'nina@example.test' });
    await admin.post(`${base}/labels`, { title: 'vip' });
    // A colleague's note: the agent may read it but is offered no delete button for it.
    await apiClient(stack, account.outsider.token).post(`${base}/contacts/${contact.id}/notes`, { content: 'Written by Olga' });

    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/contacts/${contact.id}`);
    await page.getByTestId('contact-details').waitFor();

    await page.getByTestId('contact-label-input').fill('vip');
    await page.getByTestId('contact-label-input').press('Enter');
    await expect.poll(() => page.getByTestId('contact-label').allInnerTexts(), { timeout: 10_000 }).toEqual(['vip']);
    expect((await admin.get(`${base}/contacts/${contact.id}/labels`)).body).toEqual({ payload: ['vip'] });

    await expect.poll(() => page.getByTestId('contact-note').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('contact-note-delete').count()).toBe(0);
    await page.getByTestId('contact-note-input').fill('Prefers **phone** calls <img src=x onerror="window.__hacked = 1">');
    await page.getByTestId('contact-note-input').press('Control+Enter');
    await expect.poll(() => page.getByTestId('contact-note').count(), { timeout: 10_000 }).toBe(2);
    const mine = page.getByTestId('contact-note').nth(1);
    expect(await mine.locator('strong').innerText()).toBe('phone');
    // The author's HTML stays text: shown, never run.
    expect(await mine.locator('img').count()).toBe(0);
    expect(await mine.innerText()).toContain('<img src=x');
    expect(await page.evaluate(() => (window as unknown as { __hacked?: number }).__hacked)).toBeUndefined();
    expect(await page.getByTestId('contact-note-input').inputValue()).toBe('');

    await mine.getByTestId('contact-note-delete').click();
    await expect.poll(() => page.getByTestId('contact-note').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('Written by Olga')]);
    const stored = (await admin.get(`${base}/contacts/${contact.id}/notes`)).body;
    expect(stored.map((note: { content: string }) => note.content)).toEqual(['Written by Olga']);
  });
});
