import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { customAttributeDefinitions } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';

const it = apiTest({ worker: false }).extend('countDefinitions', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(customAttributeDefinitions).where(eq(customAttributeDefinitions.accountId, account.account.id)))[0].n),
);

const valid = { attribute_display_name: 'Plan', attribute_display_type: 'text', attribute_key: 'plan', attribute_model: 'contact_attribute' };

describe('custom attributes: bad definitions', () => {
  it('names the field and writes nothing', async ({ base, client, countDefinitions }) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, attribute_display_name: '' }, 'attribute_display_name'],
      [{ ...valid, attribute_display_type: 'colour' }, 'attribute_display_type'],
      [{ ...valid, attribute_display_type: 8 }, 'attribute_display_type'],
      [{ ...valid, attribute_model: 'team_attribute' }, 'attribute_model'],
      [{ ...valid, attribute_key: 'Has Space' }, 'attribute_key'],
      [{ ...valid, attribute_key: 'email' }, 'attribute_key'],
      [{ ...valid, attribute_model: 'conversation_attribute', attribute_key: 'status' }, 'attribute_key'],
      [{ ...valid, attribute_display_type: 'list' }, 'attribute_values'],
      [{ ...valid, attribute_values: ['a'] }, 'attribute_values'],
      [{ ...valid, regex_pattern: '([' }, 'regex_pattern'],
      [{ ...valid, attribute_display_type: 'checkbox', regex_pattern: '^x$' }, 'regex_pattern'],
    ];
    for (const [body, field] of cases) {
      const response = await client.post(`${base}/custom_attribute_definitions`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await countDefinitions()).toBe(0);
  });

  it('refuses a key already defined for the model, and a change that breaks the definition', async ({ base, client, countDefinitions }) => {
    const plan = (await client.post(`${base}/custom_attribute_definitions`, valid)).body;
    const duplicate = await client.post(`${base}/custom_attribute_definitions`, { ...valid, attribute_display_name: 'Other' });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.field).toBe('attribute_key');
    expect(await countDefinitions()).toBe(1);
    const toList = await client.patch(`${base}/custom_attribute_definitions/${plan.id}`, { attribute_display_type: 'list' });
    expect(toList.status).toBe(422);
    expect(toList.body.error.field).toBe('attribute_values');
    expect((await client.get(`${base}/custom_attribute_definitions/${plan.id}`)).body.attribute_display_type).toBe('text');
    expect((await client.patch(`${base}/custom_attribute_definitions/999999`, { attribute_display_name: 'x' })).status).toBe(404);
    expect((await client.delete(`${base}/custom_attribute_definitions/999999`)).status).toBe(404);
  });
});

describe('custom attributes: bad values', () => {
  it('answers 422 naming the attribute for each type and the pattern, and stores nothing', async ({ stack, account, base, client }) => {
    const define = (key: string, type: string, extra: Record<string, unknown> = {}) =>
      client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: key, attribute_display_type: type, attribute_key: key, attribute_model: 'conversation_attribute', ...extra });
    await define('note', 'text', { regex_pattern: '^[A-Z]{2}-\\d+$', regex_cue: 'Like AB-123' });
    await define('count', 'number');
    await define('price', 'currency');
    await define('share', 'percent');
    await define('site', 'link');
    await define('due', 'date');
    await define('tier', 'list', { attribute_values: ['gold', 'silver'] });
    await define('done', 'checkbox');
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Val Values' });
    const id = (await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    await client.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { count: 1 } });

    const cases: Array<[string, unknown, string]> = [
      ['note', 'ab-1', 'Like AB-123'],
      ['note', 5, 'must be text'],
      ['count', 'many', 'must be a number'],
      ['price', 'R$ 5', 'must be a number'],
      ['share', 150, 'between 0 and 100'],
      ['site', 'not a link', 'http(s) link'],
      ['due', '31/12/2026', 'must be a date'],
      ['tier', 'bronze', 'one of: gold, silver'],
      ['done', 'yes', 'true or false'],
    ];
    for (const [key, value, reason] of cases) {
      const response = await client.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { count: 2, [key]: value } });
      expect(response.status, `${key}=${JSON.stringify(value)}`).toBe(422);
      expect(response.body.error.field).toBe(`custom_attributes.${key}`);
      expect(response.body.error.message).toContain(reason);
    }
    expect((await client.get(`${base}/conversations/${id}`)).body.custom_attributes).toEqual({ count: 1 });

    const created = await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, custom_attributes: { due: 'tomorrow' } });
    expect(created.status).toBe(422);
    expect(created.body.error.field).toBe('custom_attributes.due');
  });

  it('validates contact values on create and update, naming the attribute', async ({ base, client }) => {
    await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Seats', attribute_display_type: 'number', attribute_key: 'seats', attribute_model: 'contact_attribute' });
    const refused = await client.post(`${base}/contacts`, { name: 'Sam Seats', email: 'sam@seats.test', custom_attributes: { seats: 'lots' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('custom_attributes.seats');
    expect((await client.get(`${base}/contacts/search?q=sam@seats.test`)).body.payload).toEqual([]);
    const id = (await client.post(`${base}/contacts`, { name: 'Sam Seats', custom_attributes: { seats: 2 } })).body.payload.contact.id;
    const update = await client.put(`${base}/contacts/${id}`, { name: 'Samuel', custom_attributes: { seats: true } });
    expect(update.status).toBe(422);
    expect(update.body.error.field).toBe('custom_attributes.seats');
    expect((await client.get(`${base}/contacts/${id}`)).body.payload).toMatchObject({ name: 'Sam Seats', custom_attributes: { seats: 2 } });
  });
});
