import { describe, expect } from 'vitest';
import { browserTest, submitSignIn } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';

// `account` is the invitee's home account; `otherAccount` is the one inviting them.
const it = browserTest({ worker: false });

describe('an administrator invites someone who already uses Parley, who accepts in the console', () => {
  it('the invitation shows as pending, and the accept link makes the invitee a member', async ({ stack, account: home, otherAccount: inviting, web, newPage, signedInPage }) => {
    const adminPage = await signedInPage(inviting.admin);
    await adminPage.goto(`${web.origin}/app/accounts/${inviting.account.id}/settings/agents`);
    await adminPage.getByTestId('add-agent-button').click();
    await adminPage.getByTestId('agent-name-input').fill('Alan');
    await adminPage.getByTestId('agent-email-input').fill(home.agent.email);
    await adminPage.getByTestId('agent-create-submit').click();
    await expect.poll(() => adminPage.getByTestId('agent-invited').textContent(), { timeout: 10_000 }).toContain(home.agent.email);
    await expect.poll(() => adminPage.getByTestId('agent-invitation-row').filter({ hasText: home.agent.email }).count(), { timeout: 10_000 }).toBe(1);
    expect(await adminPage.getByTestId('agent-one-time-password').count()).toBe(0);

    const [invitation] = (await apiClient(stack, home.agent.token).get('/api/v1/profile/invitations')).body.payload;
    // The link from the e-mail, opened signed out: sign in first, then back to the invitation.
    const inviteePage = await newPage();
    await inviteePage.goto(`${web.origin}/app/invitations/${invitation.id}`);
    await inviteePage.waitForURL(/\/login\?next=/);
    await submitSignIn(inviteePage, home.agent);
    await inviteePage.waitForURL(new RegExp(`/app/invitations/${invitation.id}$`));
    await expect.poll(() => inviteePage.getByTestId('invitation-summary').textContent(), { timeout: 10_000 }).toContain(inviting.account.name);
    await inviteePage.getByTestId('invitation-accept').click();
    await inviteePage.waitForURL(new RegExp(`/app/accounts/${inviting.account.id}/conversations`));

    await adminPage.reload();
    // A reload on a busy machine takes longer than expect.poll's default second.
    await expect.poll(() => adminPage.getByTestId('agent-row').filter({ hasText: home.agent.email }).count(), { timeout: 15_000 }).toBe(1);
    expect(await adminPage.getByTestId('agent-invitation-row').count()).toBe(0);
  });

  it('an administrator renames an agent for this account only', async ({ stack, account: home, otherAccount: inviting, web, signedInPage }) => {
    const page = await signedInPage(home.admin);
    await page.goto(`${web.origin}/app/accounts/${home.account.id}/settings/agents`);
    const row = page.locator(`[data-testid="agent-row"][data-agent-id="${home.agent.id}"]`);
    await row.getByTestId('agent-rename').click();
    await row.getByTestId('agent-rename-input').fill('Alan (night shift)');
    await row.getByTestId('agent-rename-save').click();
    await expect.poll(() => row.getByTestId('agent-name').textContent(), { timeout: 10_000 }).toBe('Alan (night shift)');
    await page.reload();
    await expect.poll(() => row.getByTestId('agent-name').textContent(), { timeout: 15_000 }).toBe('Alan (night shift)');
    // Alan himself, and the other account he joined above, still know him by his own name.
    expect((await apiClient(stack, home.agent.token).get('/api/v1/profile')).body.name).toBe('Alan Agent');
    const elsewhere = await apiClient(stack, inviting.admin.token).get(`/api/v1/accounts/${inviting.account.id}/agents`);
    expect(elsewhere.body.find((a: { id: number }) => a.id === home.agent.id).name).toBe('Alan Agent');
  });
});
