import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { browserTest } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';

const it = browserTest();

const listedNames = (page: Page) => page.getByTestId('contact-item').locator('.name').allInnerTexts();

describe('filtering and merging contacts in the console', () => {
  it('an agent builds an AND/OR filter, saves it as a view and picks it again', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    await admin.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Tier', attribute_display_type: 'number', attribute_key: 'tier', attribute_model: 'contact_attribute' });
    for (const [name, city, tier] of [['Ana Recife', 'Recife', 1], ['Bia Recife', 'Recife', 3], ['Caio Natal', 'Natal', 5], ['Duda Natal', 'Natal', null]] as const) {
      await admin.post(`${base}/contacts`, { name, additional_attributes: { city }, custom_attributes: tier === null ? {} : { tier } });
    }
    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/contacts`);
    await expect.poll(() => page.getByTestId('contact-item').count(), { timeout: 10_000 }).toBe(4);

    await page.getByTestId('contact-filter-toggle').click();
    const rows = page.getByTestId('contact-filter-row');
    await rows.nth(0).getByTestId('contact-filter-attribute').selectOption('city');
    await rows.nth(0).getByTestId('contact-filter-operator').selectOption('equal_to');
    await rows.nth(0).getByTestId('contact-filter-value').fill('Recife');
    await page.getByTestId('contact-filter-add').click();
    await rows.nth(1).getByTestId('contact-filter-attribute').selectOption('tier');
    // A number attribute offers the number operators.
    expect(await rows.nth(1).getByTestId('contact-filter-operator').locator('option').allInnerTexts()).toContain('is greater than / after');
    await rows.nth(1).getByTestId('contact-filter-operator').selectOption('is_greater_than');
    await rows.nth(1).getByTestId('contact-filter-value').fill('2');
    await page.getByTestId('contact-filter-apply').click();
    await expect.poll(() => listedNames(page), { timeout: 10_000 }).toEqual(['Bia Recife']);

    await rows.nth(1).getByTestId('contact-filter-joiner').selectOption('or');
    await rows.nth(1).getByTestId('contact-filter-value').press('Enter');
    await expect.poll(async () => (await listedNames(page)).sort(), { timeout: 10_000 }).toEqual(['Ana Recife', 'Bia Recife', 'Caio Natal']);

    await page.getByTestId('contact-view-name').fill('Recife or gold');
    await page.getByTestId('contact-view-save').click();
    await page.getByText('Saved the view “Recife or gold”').waitFor();
    const saved = (await apiClient(stack, account.agent.token).get(`${base}/custom_filters?filter_type=contact`)).body as { name: string; query: { payload: unknown[] } }[];
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      name: 'Recife or gold',
      query: {
        payload: [
          { attribute_key: 'city', filter_operator: 'equal_to', values: ['Recife'], query_operator: 'or' },
          { attribute_key: 'tier', filter_operator: 'is_greater_than', values: [2], query_operator: null, custom_attribute_type: 'number' },
        ],
      },
    });

    await page.getByTestId('contact-filter-clear').click();
    await expect.poll(() => page.getByTestId('contact-item').count(), { timeout: 10_000 }).toBe(4);
    await page.getByTestId('contact-view-picker').selectOption({ label: 'Recife or gold' });
    await expect.poll(async () => (await listedNames(page)).sort(), { timeout: 10_000 }).toEqual(['Ana Recife', 'Bia Recife', 'Caio Natal']);
    expect(await page.getByTestId('contact-filter-row').count()).toBe(2);
  });

  it('an agent merges a duplicate into the contact they are looking at and stays on the survivor', async ({ account, client: admin, base, web, signedInPage }) => {
    const survivor = (await admin.post(`${base}/contacts`, { name: 'Maria Souza', email: 'maria@example.test' })).body.payload.contact;
    const duplicate = (await admin.post(`${base}/contacts`, { name: 'Maria S. (old)', phone_number: '+5511900000009' })).body.payload.contact;
    const conversation = await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: duplicate.id });
    expect(conversation.status).toBe(200);

    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/contacts/${survivor.id}`);
    await page.getByTestId('contact-details').waitFor();
    // The file's tests share an account: look for the two Marias among its contacts.
    await expect.poll(async () => (await listedNames(page)).filter((name) => name.startsWith('Maria')).sort(), { timeout: 10_000 }).toEqual(['Maria S. (old)', 'Maria Souza']);
    await page.getByTestId('contact-merge-open').click();
    await page.getByTestId('contact-merge-search').fill('Maria');
    // The contact on screen is not offered as its own duplicate.
    await expect.poll(() => page.getByTestId('contact-merge-candidate').allInnerTexts(), { timeout: 10_000 }).toEqual(['Merge Maria S. (old)']);
    await page.getByTestId('contact-merge-candidate').press('Enter');
    expect(await page.getByTestId('contact-merge-confirm-text').innerText()).toBe('Merge Maria S. (old) into Maria Souza? This cannot be undone.');
    await page.getByTestId('contact-merge-confirm').click();

    await expect.poll(() => page.getByTestId('contact-conversations').locator('li').count(), { timeout: 10_000 }).toBe(1);
    expect(page.url()).toBe(`${web.origin}/app/accounts/${account.account.id}/contacts/${survivor.id}`);
    expect(await page.getByTestId('contact-details-name').innerText()).toBe('Maria Souza');
    expect(await page.getByTestId('contact-merge').count()).toBe(0);
    await expect.poll(async () => (await listedNames(page)).filter((name) => name.startsWith('Maria')), { timeout: 10_000 }).toEqual(['Maria Souza']);
    expect((await admin.get(`${base}/contacts/${duplicate.id}`)).status).toBe(404);
    expect((await admin.get(`${base}/contacts/${survivor.id}`)).body.payload.phone_number).toBe('+5511900000009');
  });
});
