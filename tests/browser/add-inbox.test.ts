import { afterAll, describe, expect } from 'vitest';
import { browserTest } from '../support/browser-test.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { testWebhookSettings } from '../support/webhooks.js';

const it = browserTest({ webhooks: testWebhookSettings() });
const receivers: Array<Awaited<ReturnType<typeof startWebhookReceiver>>> = [];
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
});

type InboxJson = { id: number; name: string; channel_type: string; webhook_url: string | null; secret?: string | null; inbox_identifier: string; hmac_token: string | null };

describe('Add inbox offers every channel the API creates', () => {
  it('an administrator creates an API inbox with its callback URL from the console; its page shows the identifier, the callback URL and secret, and identity validation', async ({ account, client: admin, base, web, signedInPage }) => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/inboxes`);
    await page.getByTestId('add-api-inbox-button').click();
    await page.getByTestId('api-inbox-name').fill('Shop backend');
    // A bad URL is refused with the server's words, and nothing is created.
    await page.getByTestId('api-inbox-webhook-url').fill('ftp://nowhere.example');
    await page.getByTestId('api-inbox-create-submit').click();
    await page.getByTestId('api-inbox-error').waitFor();
    expect((await admin.get(`${base}/inboxes`)).body.payload.map((inbox: InboxJson) => inbox.name)).not.toContain('Shop backend');
    await page.getByTestId('api-inbox-webhook-url').fill(receiver.url);
    await page.getByTestId('api-inbox-create-submit').click();

    await page.getByTestId('inbox-api-settings').waitFor();
    const created = ((await admin.get(`${base}/inboxes`)).body.payload as InboxJson[]).find((inbox) => inbox.name === 'Shop backend')!;
    expect(created).toMatchObject({ channel_type: 'api', webhook_url: receiver.url });
    expect(await page.getByTestId('inbox-api-identifier').textContent()).toBe(created.inbox_identifier);
    expect(await page.getByTestId('inbox-api-webhook-url').inputValue()).toBe(receiver.url);
    expect(await page.getByTestId('inbox-api-secret').textContent()).toMatch(/^whsec_/);
    expect(await page.getByTestId('inbox-identity-secret').textContent()).toBe(created.hmac_token);
    // No website settings on an API inbox.
    expect(await page.getByTestId('inbox-embed-snippet').count()).toBe(0);

    // Clearing the callback URL on its page stops callbacks.
    await page.getByTestId('inbox-api-webhook-url').fill('');
    await page.getByTestId('inbox-api-save').click();
    await page.getByTestId('inbox-api-saved').waitFor();
    expect((await admin.get(`${base}/inboxes/${created.id}`)).body.webhook_url).toBeNull();
  });

  it('an administrator creates a guest portal inbox from the console; its page shows the portal address guests sign in at', async ({ account, client: admin, base, web, signedInPage }) => {
    const page = await signedInPage(account.admin);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/inboxes`);
    await page.getByTestId('add-portal-inbox-button').click();
    await page.getByTestId('portal-inbox-name').fill('Appraisers');
    await page.getByTestId('portal-inbox-create-submit').click();
    await page.getByTestId('inbox-portal-settings').waitFor();
    const created = ((await admin.get(`${base}/inboxes`)).body.payload as InboxJson[]).find((inbox) => inbox.name === 'Appraisers')!;
    expect(created.channel_type).toBe('portal');
    expect(await page.getByTestId('inbox-portal-url').textContent()).toBe(`${web.origin}/portal/${account.account.id}`);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/settings/inboxes`);
    await expect.poll(() => page.locator(`[data-testid="inbox-row"][data-inbox-id="${created.id}"]`).textContent()).toContain('Guest portal');
  });
});
