import { describe, expect } from 'vitest';
import { browserTest } from '../support/browser-test.js';

const it = browserTest();

describe('roles and the audit log in the console', () => {
  it('an administrator makes a role by keyboard, gives it to an agent, and reads both changes in the audit log', async ({ account, client: admin, base, web, signedInPage }) => {
    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/roles`);
    await page.getByTestId('role-empty').waitFor();
    await page.getByTestId('add-role').click();
    await page.getByTestId('role-name').fill('Queue keeper');
    // Tab to the checkboxes and tick them with the space bar, as a keyboard user would.
    await page.getByTestId('role-description').fill('Works the unassigned queue');
    await page.locator('[data-permission="conversation_unassigned_manage"]').focus();
    await page.keyboard.press('Space');
    await page.locator('[data-permission="label_manage"]').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('role-name').press('Enter');
    await page.getByTestId('role-saved').waitFor();
    await expect.poll(() => page.getByTestId('role-row-permissions').allInnerTexts()).toEqual(['Unassigned and own conversations, Labels']);
    const role = (await admin.get(`${base}/custom_roles`)).body[0];
    expect(role).toMatchObject({ name: 'Queue keeper', permissions: ['conversation_unassigned_manage', 'label_manage'] });

    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/agents`);
    const row = page.locator(`[data-testid="agent-row"]`, { hasText: 'Alan Agent' });
    await row.getByTestId('agent-custom-role').selectOption(String(role.id));
    await expect.poll(async () => (await admin.get(`${base}/agents`)).body.find((a: { id: number }) => a.id === account.agent.id).custom_role_id, { timeout: 10_000 }).toBe(role.id);

    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/audit-log`);
    await expect.poll(() => page.getByTestId('audit-row-action').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Role changed agent', 'Created role']));
    await page.getByTestId('audit-action').selectOption('role_assigned');
    await expect.poll(() => page.getByTestId('audit-row-action').allInnerTexts(), { timeout: 10_000 }).toEqual(['Role changed agent']);
    expect(await page.getByTestId('audit-row-details').innerText()).toContain(`custom_role_id: null → ${role.id}`);
  });
});
