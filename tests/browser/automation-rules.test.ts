import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false });

describe('an administrator designs a routing rule in the console', () => {
  it('builds a rule, tries it against a conversation (sees what would happen, nothing changes), and saves it', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Billing' })).body;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Rosa Refund' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    await admin.post(`${base}/conversations/${displayId}/messages`, { content: 'I want a refund for my order', message_type: 'incoming' });

    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/automation`);
    await page.getByTestId('add-rule').click();
    await page.getByTestId('rule-name').fill('Refunds to Billing');
    await page.getByTestId('rule-event').selectOption('message_created');

    await page.getByTestId('add-condition').click();
    const condition = page.getByTestId('rule-condition').first();
    await condition.getByTestId('condition-attribute').selectOption('content');
    await condition.getByTestId('condition-operator').selectOption('contains');
    await condition.getByTestId('condition-value').fill('refund');

    await page.getByTestId('add-action').click();
    const first = page.getByTestId('rule-action').nth(0);
    await first.getByTestId('action-name').selectOption('assign_team');
    await first.getByTestId('action-param').selectOption(String(team.id));
    await page.getByTestId('add-action').click();
    const second = page.getByTestId('rule-action').nth(1);
    await second.getByTestId('action-name').selectOption('add_label');
    await second.getByTestId('action-param').fill('refund');

    await page.getByTestId('try-conversation').fill(String(displayId));
    await page.getByTestId('try-rule').click();
    const result = page.getByTestId('try-result');
    await result.waitFor();
    expect(await result.getAttribute('data-matched')).toBe('true');
    expect(await result.textContent()).toContain('I want a refund for my order');
    expect(await page.getByTestId('try-action').allInnerTexts()).toEqual(['Assign to team Billing', 'Add label refund']);
    // Trying changes nothing.
    expect((await admin.get(`${base}/conversations/${displayId}`)).body).toMatchObject({ labels: [], meta: { team: null } });

    // A condition that does not hold is shown as such.
    await condition.getByTestId('condition-value').fill('invoice');
    await page.getByTestId('try-rule').click();
    await expect.poll(() => result.getAttribute('data-matched'), { timeout: 10_000 }).toBe('false');
    expect(await page.getByTestId('try-condition').getAttribute('data-matched')).toBe('false');
    await condition.getByTestId('condition-value').fill('refund');

    await page.getByTestId('save-rule').click();
    await page.getByTestId('rule-saved').waitFor();
    await expect.poll(() => page.getByTestId('rule-row-name').allInnerTexts(), { timeout: 10_000 }).toEqual(['Refunds to Billing']);

    const stored = (await admin.get(`${base}/automation_rules`)).body.payload;
    expect(stored).toEqual([
      expect.objectContaining({
        name: 'Refunds to Billing',
        event_name: 'message_created',
        active: true,
        conditions: [expect.objectContaining({ attribute_key: 'content', filter_operator: 'contains', values: ['refund'] })],
        actions: [
          { action_name: 'assign_team', action_params: [team.id] },
          { action_name: 'add_label', action_params: ['refund'] },
        ],
      }),
    ]);

    // Switched off from the list.
    await page.getByTestId('rule-active').uncheck();
    await expect.poll(async () => (await admin.get(`${base}/automation_rules`)).body.payload[0].active, { timeout: 10_000 }).toBe(false);
  });
});
