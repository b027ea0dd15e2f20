import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from '../../core/services/auth/sessions.js';
import { launchChromium, serveConsole } from '../support/browser.js';
import { createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

describe('an open console whose session ends elsewhere', () => {
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

  it('goes to the login page as soon as the session is signed out, without the agent clicking anything', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${web.origin}/login`);
    await page.getByTestId('login-email').fill(account.agent.email);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-password').press('Enter');
    await page.waitForURL(/\/conversations/);
    // The live stream is open once the console says so (a sign-out before it subscribed is caught by its first check).
    await page.locator('[data-testid="live-indicator"][data-connected="true"]').waitFor({ timeout: 15_000 });

    const [session] = await stack.sql<{ id: number }[]>`select id from sessions where user_id = ${account.agent.id} and revoked_at is null order by id desc limit 1`;
    await signOut(stack.db, session.id);
    await page.waitForURL(/\/login/, { timeout: 15_000 });
  });
});
