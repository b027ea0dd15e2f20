import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { testWebhookSettings } from '../../../tests/support/webhooks.js';

// No allowed hosts here: the production rule, where loopback and private networks are refused.
const it = apiTest({ worker: false, webhooks: testWebhookSettings({ allowedHosts: [] }) });

it('refuses unsafe URLs with a clear error and writes nothing', async ({ client, base }) => {
  for (const url of [
    'http://127.0.0.1:8080/hooks',
    'http://10.0.0.5/hooks',
    'http://192.168.1.20/hooks',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://[fd00::1]/hooks',
    'http://localhost:3001/api',
    'http://0.0.0.0/',
    'ftp://hooks.example.com/',
    'https://user:secret@hooks.example.com/',
  ]) {
    const response = await client.post(`${base}/webhooks`, { url, subscriptions: ['message_created'] });
    expect(response.status, url).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
  }
  expect((await client.get(`${base}/webhooks`)).body.payload.webhooks).toEqual([]);
  const created = await client.post(`${base}/webhooks`, { url: 'https://hooks.example.com/parley', subscriptions: ['message_created'] });
  expect(created.status).toBe(200);
  const moved = await client.patch(`${base}/webhooks/${created.body.payload.webhook.id}`, { url: 'http://127.0.0.1/steal' });
  expect(moved.status).toBe(422);
  expect(moved.body.error.field).toBe('url');
  expect((await client.get(`${base}/webhooks`)).body.payload.webhooks[0].url).toBe('https://hooks.example.com/parley');
  await client.delete(`${base}/webhooks/${created.body.payload.webhook.id}`);
});

it('refuses an API inbox callback URL on a private address', async ({ client, base }) => {
  const response = await client.post(`${base}/inboxes`, { name: 'Sneaky', channel: { type: 'api', webhook_url: 'http://169.254.169.254/' } });
  expect(response.status).toBe(422);
  expect(response.body.error.field).toBe('channel.webhook_url');
});

it('names the field of bad input: no events, unknown events', async ({ client, base }) => {
  const none = await client.post(`${base}/webhooks`, { url: 'https://hooks.example.com/a', subscriptions: [] });
  expect(none.status).toBe(422);
  expect(none.body.error.field).toBe('subscriptions');
  const unknown = await client.post(`${base}/webhooks`, { url: 'https://hooks.example.com/a', subscriptions: ['everything'] });
  expect(unknown.status).toBe(422);
  expect(unknown.body.error.field).toMatch(/^subscriptions/);
});

it('lets only administrators of the account see or change its webhooks', async ({ stack, account, otherAccount, client, base }) => {
  const created = await client.post(`${base}/webhooks`, { url: 'https://hooks.example.com/admins-only', subscriptions: ['contact_created'] });
  const id = created.body.payload.webhook.id;
  const agent = apiClient(stack, account.agent.token);
  expect((await agent.get(`${base}/webhooks`)).status).toBe(403);
  expect((await agent.post(`${base}/webhooks`, { url: 'https://hooks.example.com/x', subscriptions: ['contact_created'] })).status).toBe(403);
  expect((await agent.patch(`${base}/webhooks/${id}`, { enabled: false })).status).toBe(403);
  expect((await agent.get(`${base}/webhooks/${id}/deliveries`)).status).toBe(403);

  // Another account's administrator: their own account has no such webhook (404), and ours is closed to them (401/403).
  const stranger = apiClient(stack, otherAccount.admin.token);
  const otherBase = `/api/v1/accounts/${otherAccount.account.id}`;
  expect((await stranger.patch(`${otherBase}/webhooks/${id}`, { enabled: false })).status).toBe(404);
  expect((await stranger.get(`${otherBase}/webhooks/${id}/deliveries`)).status).toBe(404);
  expect((await stranger.delete(`${otherBase}/webhooks/${id}`)).status).toBe(404);
  expect([401, 403, 404]).toContain((await stranger.get(`${base}/webhooks`)).status);
  expect((await client.get(`${base}/webhooks`)).body.payload.webhooks.map((w: any) => w.id)).toContain(id);
});

it('keeps signing secrets encrypted at rest', async ({ stack, client, base }) => {
  const created = await client.post(`${base}/webhooks`, { url: 'https://hooks.example.com/at-rest', subscriptions: ['contact_created'] });
  const secret = created.body.payload.webhook.secret;
  const [row] = await stack.sql`select secret_ciphertext from webhooks where id = ${created.body.payload.webhook.id}`;
  expect(row.secret_ciphertext).not.toContain(secret.slice(6));
  expect(row.secret_ciphertext).toMatch(/^v1\./);
});
