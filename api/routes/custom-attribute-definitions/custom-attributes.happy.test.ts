import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('open', async ({ stack, account, base, client }) => async (name: string, customAttributes?: Record<string, unknown>) => {
  const contact = await insertContact(stack.db, { accountId: account.account.id, name });
  return (await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, custom_attributes: customAttributes })).body.id as number;
});

describe('custom attributes through the Application API', () => {
  it('defines attributes in Chatwoot’s shape (names or Chatwoot’s indexes), lists them per model, shows, changes and deletes one', async ({ stack, account, base, client }) => {
    const plan = await client.post(`${base}/custom_attribute_definitions`, {
      attribute_display_name: 'Plan',
      attribute_display_type: 6, // list
      attribute_key: 'plan',
      attribute_model: 1, // contact_attribute
      attribute_values: ['free', 'pro'],
      attribute_description: 'What they pay for',
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      id: expect.any(Number),
      attribute_display_name: 'Plan',
      attribute_display_type: 'list',
      attribute_key: 'plan',
      attribute_model: 'contact_attribute',
      attribute_values: ['free', 'pro'],
      attribute_description: 'What they pay for',
      regex_pattern: null,
      regex_cue: null,
    });
    const order = (await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Order', attribute_display_type: 'text', attribute_key: 'order_id', attribute_model: 'conversation_attribute', regex_pattern: '^[A-Z]{2}-\\d+$', regex_cue: 'Like AB-123' })).body;
    // The same key may exist once per model.
    expect((await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Plan', attribute_display_type: 'text', attribute_key: 'plan', attribute_model: 'conversation_attribute' })).status).toBe(200);

    const agent = apiClient(stack, account.agent.token);
    expect((await agent.get(`${base}/custom_attribute_definitions?attribute_model=contact_attribute`)).body.map((d: { attribute_key: string }) => d.attribute_key)).toEqual(['plan']);
    expect((await agent.get(`${base}/custom_attribute_definitions?attribute_model=0`)).body.map((d: { attribute_key: string }) => d.attribute_key)).toEqual(['order_id', 'plan']);
    expect((await agent.get(`${base}/custom_attribute_definitions`)).body).toHaveLength(3);
    expect((await agent.get(`${base}/custom_attribute_definitions/${order.id}`)).body).toMatchObject({ attribute_key: 'order_id', regex_cue: 'Like AB-123' });

    const changed = await client.patch(`${base}/custom_attribute_definitions/${plan.body.id}`, { attribute_values: ['free', 'pro', 'enterprise'], attribute_display_name: 'Plan tier' });
    expect(changed.body).toMatchObject({ attribute_key: 'plan', attribute_display_name: 'Plan tier', attribute_values: ['free', 'pro', 'enterprise'] });
    expect((await client.delete(`${base}/custom_attribute_definitions/${plan.body.id}`)).status).toBe(200);
    expect((await client.get(`${base}/custom_attribute_definitions/${plan.body.id}`)).status).toBe(404);
  });

  it('stores conversation values validated by type, as a whole (a defined key left out is removed)', async ({ base, client, open }) => {
    await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Seats', attribute_display_type: 'number', attribute_key: 'seats', attribute_model: 'conversation_attribute' });
    await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Paid', attribute_display_type: 'checkbox', attribute_key: 'paid', attribute_model: 'conversation_attribute' });
    const id = await open('Nina Numbers', { seats: '12' });
    expect((await client.get(`${base}/conversations/${id}`)).body.custom_attributes).toEqual({ seats: 12 });

    const set = await client.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { seats: 40, paid: true, free_form: 'kept as given' } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ custom_attributes: { seats: 40, paid: true, free_form: 'kept as given' } });
    const again = await client.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { paid: false } });
    expect(again.body.custom_attributes).toEqual({ paid: false, free_form: 'kept as given' });
    expect((await client.get(`${base}/conversations/${id}`)).body.custom_attributes).toEqual({ paid: false, free_form: 'kept as given' });
  });

  it('keeps the values of a deleted definition stored but leaves them alone when the rest are set', async ({ base, client, open }) => {
    const source = (await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Source', attribute_display_type: 'text', attribute_key: 'lead_source', attribute_model: 'conversation_attribute' })).body;
    const id = await open('Dora Deleted');
    await client.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { lead_source: 'fair' } });
    await client.delete(`${base}/custom_attribute_definitions/${source.id}`);
    // Not the client's to see any more, so setting the others does not wipe it.
    await client.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { seats: 3 } });
    expect((await client.get(`${base}/conversations/${id}`)).body.custom_attributes).toMatchObject({ lead_source: 'fair', seats: 3 });
  });

  it('validates contact values on create and update; null removes one', async ({ base, client }) => {
    await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Website', attribute_display_type: 'link', attribute_key: 'website', attribute_model: 'contact_attribute' });
    await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Discount', attribute_display_type: 'percent', attribute_key: 'discount', attribute_model: 'contact_attribute' });
    const created = await client.post(`${base}/contacts`, { name: 'Wendy Web', custom_attributes: { website: 'https://wendy.example', discount: '15' } });
    expect(created.status).toBe(200);
    const id = created.body.payload.contact.id;
    expect(created.body.payload.contact.custom_attributes).toEqual({ website: 'https://wendy.example', discount: 15 });
    const updated = await client.put(`${base}/contacts/${id}`, { custom_attributes: { discount: null } });
    expect(updated.body.payload.custom_attributes).toEqual({ website: 'https://wendy.example' });
  });
});
