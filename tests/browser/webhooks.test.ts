import { afterAll, describe, expect } from 'vitest';
import { browserTest } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { testWebhookSettings } from '../support/webhooks.js';

const it = browserTest({ webhooks: testWebhookSettings() });
const receivers: Array<Awaited<ReturnType<typeof startWebhookReceiver>>> = [];
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
});

describe('an administrator sets up a webhook in the console', () => {
  it('is told an unsafe URL is refused, adds one, watches its deliveries and replays one', { timeout: 120_000 }, async ({ stack, account, signedInPage }) => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const page = await signedInPage(account.admin);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(new URL(`/app/accounts/${account.account.id}/settings/webhooks`, page.url()).href);

    await page.getByTestId('add-webhook-button').click();
    await page.getByTestId('webhook-url-input').fill('http://169.254.169.254/latest/meta-data/');
    await page.getByTestId('webhook-create-submit').click();
    await expect.poll(() => page.getByTestId('webhook-form-error').textContent()).toContain('link-local');
    expect(await page.getByTestId('webhook-url-input').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('webhook-url-input').fill(receiver.url);
    await page.getByTestId('webhook-name-input').fill('CRM sync');
    await page.getByTestId('webhook-event-contact_created').check();
    await page.getByTestId('webhook-create-submit').click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.trust(secret);
    await expect.poll(() => page.getByTestId('webhook-row').filter({ hasText: 'CRM sync' }).count()).toBe(1);

    expect((await apiClient(stack, account.admin.token).post(`/api/v1/accounts/${account.account.id}/contacts`, { name: 'Console Customer' })).status).toBe(200);
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    expect(receiver.received[0].verified).toBe(true);

    await page.getByTestId('webhook-row').filter({ hasText: 'CRM sync' }).getByTestId('webhook-deliveries-link').click();
    await page.getByTestId('delivery-event-filter').selectOption('contact_created');
    await expect.poll(() => page.getByTestId('delivery-status').first().textContent(), { timeout: 20_000 }).toBe('Delivered');
    await page.getByTestId('delivery-expand').first().click();
    await expect.poll(() => page.getByTestId('delivery-attempt').count()).toBe(1);
    await expect.poll(() => page.getByTestId('delivery-attempt').first().textContent()).toContain('200');

    await page.getByTestId('delivery-replay').first().click();
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(2);
    expect(receiver.received[1].webhookId).toBe(receiver.received[0].webhookId);
    await expect
      .poll(
        async () => {
          await page.getByTestId('delivery-refresh').click();
          return page.getByTestId('delivery-attempt-count').first().textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('2');
  });
});
