import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false });

describe('custom attributes in the console', () => {
  it('an administrator defines attributes in Settings; an agent edits them in the conversation side panel and on the contact page, checked by type and pattern', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Carla Custom' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;

    const adminPage = await signedInPage(account.admin);
    await adminPage.goto(`${web.origin}/app/accounts/${account.account.id}/settings/custom-attributes`);
    // The shared validator names a built-in key before anything is sent.
    await adminPage.getByTestId('add-attribute').click();
    await adminPage.getByTestId('attribute-model').selectOption('contact_attribute');
    await adminPage.getByTestId('attribute-name').fill('Email');
    await adminPage.getByTestId('attribute-submit').click();
    await expect.poll(() => adminPage.getByTestId('attribute-form-error').innerText()).toContain('built-in');
    await adminPage.getByTestId('attribute-name').fill('Plan');
    await adminPage.getByTestId('attribute-type').selectOption('list');
    await adminPage.getByTestId('attribute-values').fill('free\npro');
    await adminPage.getByTestId('attribute-submit').click();
    await expect.poll(() => adminPage.getByTestId('attribute-row').count(), { timeout: 10_000 }).toBe(1);

    await adminPage.getByTestId('add-attribute').click();
    await adminPage.getByTestId('attribute-name').fill('Order number');
    await adminPage.getByTestId('attribute-regex').fill('^[A-Z]{2}-\\d+$');
    await adminPage.getByTestId('attribute-regex-cue').fill('Like AB-123');
    await adminPage.getByTestId('attribute-submit').click();
    await expect.poll(() => adminPage.getByTestId('attribute-row').count(), { timeout: 10_000 }).toBe(2);
    expect((await admin.get(`${base}/custom_attribute_definitions`)).body).toMatchObject([
      { attribute_key: 'plan', attribute_model: 'contact_attribute', attribute_display_type: 'list', attribute_values: ['free', 'pro'] },
      { attribute_key: 'order_number', attribute_model: 'conversation_attribute', attribute_display_type: 'text', regex_pattern: '^[A-Z]{2}-\\d+$', regex_cue: 'Like AB-123' },
    ]);

    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    const order = page.getByTestId('conversation-custom-attributes').locator('[data-key="order_number"]');
    await order.getByTestId('custom-attribute-edit').click();
    await order.getByTestId('custom-attribute-input').fill('ab-1');
    await order.getByTestId('custom-attribute-input').press('Enter');
    await expect.poll(() => order.getByTestId('custom-attribute-error').innerText()).toBe('Like AB-123');
    expect((await admin.get(`${base}/conversations/${displayId}`)).body.custom_attributes).toEqual({});
    await order.getByTestId('custom-attribute-input').fill('AB-123');
    await order.getByTestId('custom-attribute-input').press('Enter');
    await expect.poll(() => order.getByTestId('custom-attribute-value').innerText(), { timeout: 10_000 }).toBe('AB-123');
    expect((await admin.get(`${base}/conversations/${displayId}`)).body.custom_attributes).toEqual({ order_number: 'AB-123' });

    const plan = page.getByTestId('contact-custom-attributes').locator('[data-key="plan"]');
    await plan.getByTestId('custom-attribute-edit').click();
    await plan.getByTestId('custom-attribute-input').selectOption('pro');
    await plan.getByTestId('custom-attribute-save').click();
    await expect.poll(() => plan.getByTestId('custom-attribute-value').innerText(), { timeout: 10_000 }).toBe('pro');
    expect((await admin.get(`${base}/contacts/${contact.id}`)).body.payload.custom_attributes).toEqual({ plan: 'pro' });

    // On the contact page, the same attribute; clearing it removes the value.
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/contacts/${contact.id}`);
    const onPage = page.getByTestId('contact-page-custom-attributes').locator('[data-key="plan"]');
    await expect.poll(() => onPage.getByTestId('custom-attribute-value').innerText(), { timeout: 10_000 }).toBe('pro');
    await onPage.getByTestId('custom-attribute-edit').click();
    await onPage.getByTestId('custom-attribute-input').selectOption('');
    await onPage.getByTestId('custom-attribute-save').click();
    await expect.poll(async () => (await admin.get(`${base}/contacts/${contact.id}`)).body.payload.custom_attributes, { timeout: 10_000 }).toEqual({});

    // A deleted definition hides its stored value; the panel keeps working.
    const orderDefinition = (await admin.get(`${base}/custom_attribute_definitions?attribute_model=conversation_attribute`)).body[0];
    await admin.delete(`${base}/custom_attribute_definitions/${orderDefinition.id}`);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    await page.getByTestId('contact-custom-attributes').locator('[data-key="plan"]').waitFor();
    expect(await page.locator('[data-key="order_number"]').count()).toBe(0);
    expect((await admin.get(`${base}/conversations/${displayId}`)).body.custom_attributes).toEqual({ order_number: 'AB-123' });
  });
});
