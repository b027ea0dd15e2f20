import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveConsole } from '../support/browser.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

describe('an administrator invites someone who already uses Parley, who accepts in the console', () => {
  let stack: TestStack;
  let home: TestAccount;
  let inviting: TestAccount;
  let web: Awaited<ReturnType<typeof serveConsole>>;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    home = await createTestAccount(stack);
    inviting = await createTestAccount(stack);
    web = await serveConsole(stack);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await stack?.close();
  });

  const signIn = async (page: Page, email: string, password: string) => {
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-password').press('Enter');
  };

  it('the invitation shows as pending, and the accept link makes the invitee a member', async () => {
    const adminPage = await (await browser.newContext()).newPage();
    await adminPage.goto(`${web.origin}/login`);
    await signIn(adminPage, inviting.admin.email, inviting.password);
    await adminPage.waitForURL(/\/conversations/);
    await adminPage.goto(`${web.origin}/app/accounts/${inviting.account.id}/settings/agents`);
    await adminPage.getByTestId('add-agent-button').click();
    await adminPage.getByTestId('agent-name-input').fill('Alan');
    await adminPage.getByTestId('agent-email-input').fill(home.agent.email);
    await adminPage.getByTestId('agent-create-submit').click();
    await expect.poll(() => adminPage.getByTestId('agent-invited').textContent()).toContain(home.agent.email);
    await expect.poll(() => adminPage.getByTestId('agent-invitation-row').filter({ hasText: home.agent.email }).count()).toBe(1);
    expect(await adminPage.getByTestId('agent-one-time-password').count()).toBe(0);

    const [invitation] = (await apiClient(stack, home.agent.token).get('/api/v1/profile/invitations')).body.payload;
    // The link from the e-mail, opened signed out: sign in first, then back to the invitation.
    const inviteePage = await (await browser.newContext()).newPage();
    await inviteePage.goto(`${web.origin}/app/invitations/${invitation.id}`);
    await inviteePage.waitForURL(/\/login\?next=/);
    await signIn(inviteePage, home.agent.email, home.password);
    await inviteePage.waitForURL(new RegExp(`/app/invitations/${invitation.id}$`));
    await expect.poll(() => inviteePage.getByTestId('invitation-summary').textContent()).toContain(inviting.account.name);
    await inviteePage.getByTestId('invitation-accept').click();
    await inviteePage.waitForURL(new RegExp(`/app/accounts/${inviting.account.id}/conversations`));

    await adminPage.reload();
    await expect.poll(() => adminPage.getByTestId('agent-row').filter({ hasText: home.agent.email }).count()).toBe(1);
    expect(await adminPage.getByTestId('agent-invitation-row').count()).toBe(0);
  });

  it('an administrator renames an agent for this account only', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${web.origin}/login`);
    await signIn(page, home.admin.email, home.password);
    await page.waitForURL(/\/conversations/);
    await page.goto(`${web.origin}/app/accounts/${home.account.id}/settings/agents`);
    const row = page.locator(`[data-testid="agent-row"][data-agent-id="${home.agent.id}"]`);
    await row.getByTestId('agent-rename').click();
    await row.getByTestId('agent-rename-input').fill('Alan (night shift)');
    await row.getByTestId('agent-rename-save').click();
    await expect.poll(() => row.getByTestId('agent-name').textContent()).toBe('Alan (night shift)');
    await page.reload();
    await expect.poll(() => row.getByTestId('agent-name').textContent()).toBe('Alan (night shift)');
    // Alan himself, and the other account he joined above, still know him by his own name.
    expect((await apiClient(stack, home.agent.token).get('/api/v1/profile')).body.name).toBe('Alan Agent');
    const elsewhere = await apiClient(stack, inviting.admin.token).get(`/api/v1/accounts/${inviting.account.id}/agents`);
    expect(elsewhere.body.find((a: { id: number }) => a.id === home.agent.id).name).toBe('Alan Agent');
  });
});
