import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { inboxes } from '../../db/schema/index.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false });

describe('an administrator sets up identity validation for a website inbox', () => {
  it('sees the secret, requires it, and regenerates it', async ({ stack, account, web, signedInPage }) => {
    const storedInbox = async () => (await stack.db.select().from(inboxes).where(eq(inboxes.id, account.inbox.id)))[0];
    const page = await signedInPage(account.admin, { locale: 'en-US' });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/inboxes/${account.inbox.id}`);

    const secret = page.getByTestId('inbox-identity-secret');
    await expect.poll(async () => (await secret.textContent())?.trim(), { timeout: 10_000 }).toBe(account.inbox.hmacToken);

    await page.getByTestId('inbox-identity-mandatory').check();
    await page.getByTestId('inbox-identity-save').click();
    await page.getByText('Identity validation saved.').waitFor();
    expect((await storedInbox()).hmacMandatory).toBe(true);

    await page.getByTestId('inbox-identity-regenerate').click();
    await page.getByText('New secret generated.', { exact: false }).waitFor();
    const regenerated = await storedInbox();
    expect(regenerated.hmacToken).not.toBe(account.inbox.hmacToken);
    expect((await secret.textContent())?.trim()).toBe(regenerated.hmacToken);
    expect(regenerated.hmacMandatory).toBe(true);
  });
});
