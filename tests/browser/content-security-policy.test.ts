import { describe, expect } from 'vitest';
import { serveCustomerSite } from '../support/browser.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false }).extend('policyOf', { scope: 'file' }, async ({ web }) => async (path: string) => {
  const response = await fetch(`${web.origin}${path}`, { redirect: 'manual' });
  return { response, policy: response.headers.get('content-security-policy') ?? '' };
});

// Console pages run a strict policy (scripts only from the console, with a per-response nonce for
// SvelteKit's own bootstrap) and refuse to be framed; the widget page is made to be framed by
// customers' sites, so it keeps the script policy but not the framing ban.
describe('content security policy of the console and the widget', () => {
  it('console pages send a nonce-based script policy and frame-ancestors none; the widget page may be framed', async ({ account, policyOf }) => {
    const login = await policyOf('/login');
    expect(login.response.status).toBe(200);
    expect(login.policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(login.policy).toContain("object-src 'none'");
    expect(login.policy).toContain("frame-ancestors 'none'");
    expect(login.response.headers.get('x-frame-options')).toBe('DENY');
    const nonce = /'nonce-([^']+)'/.exec(login.policy)![1];
    expect(await login.response.text()).toContain(`nonce="${nonce}"`);
    // A fresh nonce every response, or it protects nothing.
    expect((await policyOf('/login')).policy).not.toContain(nonce);

    const widget = await policyOf(`/widget?website_token=${account.inbox.identifier}`);
    expect(widget.response.status).toBe(200);
    expect(widget.policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(widget.policy).not.toContain('frame-ancestors');
    expect(widget.response.headers.get('x-frame-options')).toBeNull();
  });

  it('the console signs in under its policy with no violation and is handed no token; another site cannot frame it', async ({ account, web, newPage }) => {
    // The login is the subject here, so the test fills the form itself rather than use signIn.
    const page = await newPage({ locale: 'en-US' });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${web.origin}/login`);
    await page.locator('#login-email').fill(account.admin.email);
    await page.locator('#login-password').fill(account.password);
    const signInResponse = page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/sign_in');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/app/, { timeout: 15_000 });
    expect(violations).toEqual([]);
    // The console's session lives in the httpOnly cookie alone: no token reaches page scripts.
    const signedIn = await signInResponse;
    expect(signedIn.status()).toBe(200);
    expect(((await signedIn.json()) as { data: Record<string, unknown> }).data).not.toHaveProperty('access_token');
    expect(signedIn.headers()['access-token']).toBeUndefined();

    const site = await serveCustomerSite(`<iframe id="framed" src="${web.origin}/login"></iframe><iframe id="widget" src="${web.origin}/widget?website_token=${account.inbox.identifier}"></iframe>`);
    try {
      const framing = await page.context().newPage();
      const blocked = new Promise<string>((resolve) => framing.on('console', (message) => /frame-ancestors/.test(message.text()) && resolve(message.text())));
      await framing.goto(site.url.replace('127.0.0.1', 'localhost'));
      expect(await blocked).toContain('frame-ancestors');
      const widgetFrame = framing.frames().find((frame) => frame.url().includes('/widget'));
      expect(widgetFrame).toBeDefined();
      await expect.poll(async () => (await widgetFrame!.locator('textarea').count()) > 0, { timeout: 15_000 }).toBe(true);
    } finally {
      await site.close();
    }
  });
});
