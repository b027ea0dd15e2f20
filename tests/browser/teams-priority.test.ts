import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest();

describe('teams, priority and mute in the console', () => {
  it('an administrator makes a team in Settings › Teams, then gives a conversation that team, a priority, and mutes it', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Penny Priority' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;

    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/teams`);
    await page.getByTestId('add-team').click();
    await page.getByTestId('team-name').fill('Billing');
    await page.getByTestId('team-create-submit').click();
    await expect.poll(() => page.getByTestId('team-row-name').allInnerTexts(), { timeout: 10_000 }).toEqual(['Billing']);
    await page.getByTestId('team-edit-members').click();
    await page.locator(`[data-testid="team-member-option"][data-agent-id="${account.agent.id}"]`).check();
    await page.getByTestId('team-members-save').click();
    await page.getByTestId('team-members-saved').waitFor();
    const team = (await admin.get(`${base}/teams`)).body[0];
    expect((await admin.get(`${base}/teams/${team.id}/team_members`)).body.map((a: { id: number }) => a.id)).toEqual([account.agent.id]);

    await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    await page.getByTestId('conversation-view').waitFor();
    await expect.poll(() => page.getByTestId('team-select').locator('option').count(), { timeout: 10_000 }).toBe(2);
    await page.getByTestId('team-select').selectOption(String(team.id));
    await page.getByTestId('priority-select').selectOption('urgent');
    await expect.poll(async () => (await admin.get(`${base}/conversations/${displayId}`)).body, { timeout: 10_000 }).toMatchObject({ priority: 'urgent', meta: { team: { id: team.id } } });
    await expect.poll(() => page.getByTestId('message-list').textContent(), { timeout: 10_000 }).toContain('Assigned to team Billing by Ada Admin');

    await page.getByTestId('mute-button').click();
    await expect.poll(() => page.getByTestId('conversation-view').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
    await page.getByTestId('conversation-muted').waitFor();
    expect((await admin.get(`${base}/conversations/${displayId}`)).body).toMatchObject({ status: 'resolved', muted: true });
  });

  it('an administrator sets auto-resolve in Settings › Account', async ({ account, client: admin, base, web, signedInPage }) => {
    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/account`);
    await page.getByTestId('auto-resolve-days').fill('3');
    await page.getByTestId('account-save').click();
    await page.getByTestId('account-saved').waitFor();
    expect((await admin.get(base)).body.auto_resolve_duration).toBe(3);
    await page.getByTestId('auto-resolve-days').fill('');
    await page.getByTestId('account-save').click();
    await expect.poll(async () => (await admin.get(base)).body.auto_resolve_duration, { timeout: 10_000 }).toBeNull();
  });
});
