import { describe, expect } from 'vitest';
import { browserTest } from '../support/browser-test.js';
import { apiClient, createTestAccount } from '../support/stack.js';

const it = browserTest({ worker: false });

describe('an integrator makes an API token in the console', () => {
  it('creates a token from the profile menu, sees it once, uses it, and revokes it', async ({ stack, account, signedInPage }) => {
    const page = await signedInPage(account.admin);
    page.on('dialog', (dialog) => void dialog.accept());

    await page.getByTestId('profile-menu-button').click();
    await page.getByTestId('access-tokens-link').click();
    await page.getByTestId('access-token-name').fill('Zapier');
    await page.getByTestId('access-token-create').click();
    const secret = (await page.getByTestId('access-token-secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    await expect.poll(() => page.getByTestId('access-token-row').filter({ hasText: 'Zapier' }).count()).toBe(1);

    const integration = apiClient(stack, secret);
    expect((await integration.get(`/api/v1/accounts/${account.account.id}/conversations`)).status).toBe(200);

    await page.getByTestId('access-token-row').filter({ hasText: 'Zapier' }).getByTestId('access-token-revoke').click();
    await expect.poll(() => page.getByTestId('access-token-row').filter({ hasText: 'Zapier' }).count()).toBe(0);
    expect((await integration.get(`/api/v1/accounts/${account.account.id}/conversations`)).status).toBe(401);
  });

  it('picks an expiry for a token, and a password change offers to revoke the tokens', async ({ stack, signedInPage }) => {
    const fresh = await createTestAccount(stack);
    const page = await signedInPage(fresh.agent);

    await page.getByTestId('profile-menu-button').click();
    await page.getByTestId('access-tokens-link').click();
    await page.getByTestId('access-token-name').fill('Quarterly export');
    await page.getByTestId('access-token-expiry').selectOption('30');
    await page.getByTestId('access-token-create').click();
    const secret = (await page.getByTestId('access-token-secret').textContent())!.trim();
    const row = page.getByTestId('access-token-row').filter({ hasText: 'Quarterly export' });
    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(Date.now() + 30 * 86_400_000));
    await expect.poll(() => row.getByTestId('access-token-expires').textContent()).toContain(expected);
    const integration = apiClient(stack, secret);
    expect((await integration.get('/api/v1/profile')).status).toBe(200);

    await page.getByTestId('profile-menu-button').click();
    await page.getByTestId('change-password-link').click();
    await page.getByTestId('current-password').fill(fresh.password);
    await page.getByTestId('new-password').fill('a much longer passphrase');
    // Both the fixture's token and the one just made.
    await expect.poll(() => page.getByTestId('revoke-access-tokens').count()).toBe(1);
    await page.getByTestId('revoke-access-tokens').check();
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('change-password-done').waitFor();

    expect((await integration.get('/api/v1/profile')).status).toBe(401);
    expect((await apiClient(stack, fresh.agent.token).get('/api/v1/profile')).status).toBe(401);
    expect((await apiClient(stack).post('/auth/sign_in', { email: fresh.agent.email, password: 'a much longer passphrase' })).status).toBe(200);
  });
});
