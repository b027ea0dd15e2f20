import type { BrowserContextOptions, Page } from 'playwright-core';
import { apiTest } from './api-test.js';
import { launchChromium, serveConsole } from './browser.js';
import { testPassword } from './stack.js';

export type ConsoleUser = { email: string };

/**
 * `it` for browser test files: the API test fixtures (`stack`, `account`, `otherAccount`, `client`,
 * `base`) plus, once per file, `web` (the built console in front of the stack's API) and `browser`
 * (Chromium), and for each test:
 *
 * - `newPage(contextOptions?)`: a page in a fresh browser context, closed after the test;
 * - `signIn(page, user)`: the login form, filled and sent, until the console shows conversations;
 * - `signedInPage(user, contextOptions?)`: both of these together.
 *
 *   const it = browserTest({ worker: false });
 *   it('…', async ({ account, web, signedInPage }) => { const page = await signedInPage(account.agent); … });
 *
 * The stack, console and browser start in a file-level hook, under the hook's longer timeout, so a
 * slow start on a busy machine counts against no test.
 */
export function browserTest(options: Parameters<typeof apiTest>[0] = {}) {
  const it = apiTest(options)
    .extend('web', { scope: 'file' }, async ({ stack }, { onCleanup }) => {
      const web = await serveConsole(stack);
      onCleanup(() => web.close());
      return web;
    })
    .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
      const browser = await launchChromium();
      onCleanup(() => browser.close());
      return browser;
    })
    .extend('newPage', async ({ browser }, { onCleanup }) => {
      const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
      onCleanup(async () => {
        for (const context of contexts) await context.close();
      });
      return async (contextOptions: BrowserContextOptions = {}): Promise<Page> => {
        const context = await browser.newContext(contextOptions);
        contexts.push(context);
        return context.newPage();
      };
    })
    .extend('signIn', { scope: 'file' }, async ({ web }) => {
      return async (page: Page, user: ConsoleUser, password = testPassword) => {
        await page.goto(`${web.origin}/login`);
        await submitSignIn(page, user, password);
        await page.waitForURL(/\/conversations/);
      };
    })
    .extend('signedInPage', async ({ newPage, signIn }) => {
      return async (user: ConsoleUser, contextOptions: BrowserContextOptions = {}) => {
        const page = await newPage(contextOptions);
        await signIn(page, user);
        return page;
      };
    });
  it.beforeAll(async ({ stack, account, web, browser }) => void [stack, account, web, browser], 240_000);
  return it;
}

/** Fills the login form the page shows and sends it; where the console goes next is the caller's to wait for. */
export async function submitSignIn(page: Page, user: ConsoleUser, password = testPassword) {
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
}
