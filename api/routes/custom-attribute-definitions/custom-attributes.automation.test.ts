import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { waitUntil } from '../../../tests/support/wait.js';

/** A real worker runs the routing rules. */
const it = apiTest();

describe('custom attributes in routing rules', () => {
  it('a rule conditioned on a conversation’s custom attribute acts when the attribute is set through the API, and not for another value', async ({ stack, account, base, client }) => {
    await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Tier', attribute_display_type: 'list', attribute_key: 'tier', attribute_model: 'conversation_attribute', attribute_values: ['gold', 'silver'] });
    const rule = await client.post(`${base}/automation_rules`, {
      name: 'Gold customers are VIP',
      event_name: 'conversation_updated',
      conditions: [{ attribute_key: 'tier', filter_operator: 'equal_to', values: ['gold'], custom_attribute_type: 'conversation_attribute' }],
      actions: [{ action_name: 'add_label', action_params: ['vip'] }],
    });
    expect(rule.status).toBe(200);
    const open = async (name: string) => {
      const contact = await insertContact(stack.db, { accountId: account.account.id, name });
      return (await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id as number;
    };
    const gold = await open('Goldie');
    const silver = await open('Silvia');
    await client.post(`${base}/conversations/${silver}/custom_attributes`, { custom_attributes: { tier: 'silver' } });
    await client.post(`${base}/conversations/${gold}/custom_attributes`, { custom_attributes: { tier: 'gold' } });

    await waitUntil(async () => (await client.get(`${base}/conversations/${gold}`)).body.labels?.includes('vip'), 'the rule to label the gold conversation');
    // Waited for by its own event, not by timing: once processed, the rule has had its chance.
    await waitUntil(
      async () => (await stack.sql`select count(*)::int as n from automation_events e join conversations c on c.id = e.conversation_id where c.display_id = ${silver} and c.account_id = ${account.account.id} and e.processed_at is null`)[0].n === 0,
      'the silver conversation’s event to be processed',
    );
    expect((await client.get(`${base}/conversations/${silver}`)).body.labels).toEqual([]);
  });
});
