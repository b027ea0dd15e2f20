import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxes } from '../../db/schema/index.js';
import { launchChromium, serveConsole } from '../support/browser.js';
import { createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

describe('an administrator sets up identity validation for a website inbox', () => {
  let stack: TestStack;
  let account: TestAccount;
  let web: Awaited<ReturnType<typeof serveConsole>>;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    web = await serveConsole(stack);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await stack?.close();
  });

  const storedInbox = async () => (await stack.db.select().from(inboxes).where(eq(inboxes.id, account.inbox.id)))[0];

  it('sees the secret, requires it, and regenerates it', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${web.origin}/login`);
    await page.getByTestId('login-email').fill(account.admin.email);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-password').press('Enter');
    await page.waitForURL(/\/conversations/);
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
