import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { inboxes, inboxMembers } from '../../../db/schema/index.js';
import { createTestAccount } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('countInboxes', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(inboxes).where(eq(inboxes.accountId, account.account.id)))[0].n),
);

describe('inboxes: bad input', () => {
  it('rejects unsafe or malformed URLs and colours, naming the field, and writes nothing', async ({ base, client: admin, countInboxes }) => {
    const before = await countInboxes();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'web_widget', website_url: 'javascript:alert(document.cookie)' }, 'channel.website_url'],
      [{ type: 'web_widget', website_url: 'data:text/html,<script>alert(1)</script>' }, 'channel.website_url'],
      [{ type: 'web_widget', website_url: 'https://user:secret@shop.example' }, 'channel.website_url'],
      [{ type: 'web_widget', website_url: 'not a url' }, 'channel.website_url'],
      [{ type: 'web_widget', website_url: 'https://shop.example', widget_color: 'red' }, 'channel.widget_color'],
      [{ type: 'web_widget', website_url: 'https://shop.example', widget_color: '#12345' }, 'channel.widget_color'],
      [{ type: 'api', webhook_url: 'ftp://hooks.example' }, 'channel.webhook_url'],
      [{ type: 'web_widget' }, 'channel.website_url'],
      [{ type: 'email' }, 'channel.email'],
      [{ type: 'email', email: 'nope' }, 'channel.email'],
      [{ type: 'sms' }, 'channel.type'],
    ];
    for (const [channel, field] of cases) {
      const response = await admin.post(`${base}/inboxes`, { name: 'Bad', channel });
      expect(response.status, JSON.stringify(channel)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const noName = await admin.post(`${base}/inboxes`, { name: '  ', channel: { type: 'api' } });
    expect(noName.body.error.field).toBe('name');
    expect(await countInboxes()).toBe(before);
  });

  it('refuses a second email inbox with the same address', async ({ base, client: admin }) => {
    expect((await admin.post(`${base}/inboxes`, { name: 'Mail', channel: { type: 'email', email: 'help@example.com' } })).status).toBe(200);
    const again = await admin.post(`${base}/inboxes`, { name: 'Mail 2', channel: { type: 'email', email: 'HELP@example.com' } });
    expect(again.status).toBe(422);
    expect(again.body.error.field).toBe('channel.email');
  });

  it('refuses inbox members who do not belong to the account, changing nothing', async ({ stack, account, base, client: admin }) => {
    const stranger = await createTestAccount(stack);
    const before = await stack.db.select().from(inboxMembers).where(eq(inboxMembers.inboxId, account.inbox.id));
    const response = await admin.patch(`${base}/inbox_members`, { inbox_id: account.inbox.id, user_ids: [account.outsider.id, stranger.agent.id] });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('user_ids');
    const after = await stack.db.select().from(inboxMembers).where(eq(inboxMembers.inboxId, account.inbox.id));
    expect(after.map((m) => m.userId)).toEqual(before.map((m) => m.userId));
    const noInbox = await admin.post(`${base}/inbox_members`, { inbox_id: 999999, user_ids: [account.agent.id] });
    expect(noInbox.status).toBe(422);
    expect(noInbox.body.error.field).toBe('inbox_id');
  });

  it('refuses identity validation on channels without public visitors, and a malformed switch, changing nothing', async ({ account, base, client: admin }) => {
    const email = await admin.post(`${base}/inboxes`, { name: 'Mail', channel: { type: 'email', email: 'identity-check@shop.example' } });
    const refused = await admin.patch(`${base}/inboxes/${email.body.id}`, { name: 'Renamed', channel: { hmac_mandatory: true } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('channel.hmac_mandatory');
    const malformed = await admin.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { hmac_mandatory: 'yes' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.field).toBe('channel.hmac_mandatory');
    expect((await admin.get(`${base}/inboxes/${email.body.id}`)).body).toMatchObject({ name: 'Mail', hmac_mandatory: false, hmac_token: null });
    expect((await admin.get(`${base}/inboxes/${account.inbox.id}`)).body.hmac_mandatory).toBe(false);
  });

  it('answers 404 for inboxes that do not exist', async ({ base, client: admin }) => {
    expect((await admin.get(`${base}/inboxes/999999`)).status).toBe(404);
    expect((await admin.patch(`${base}/inboxes/999999`, { name: 'X' })).status).toBe(404);
    expect((await admin.delete(`${base}/inboxes/999999`)).status).toBe(404);
  });
});
