import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('definitionId', { scope: 'file' }, async ({ client, base }) =>
  (await client.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Tier', attribute_display_type: 'text', attribute_key: 'tier', attribute_model: 'conversation_attribute' })).body.id as number,
);

describe('custom attributes: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/custom_attribute_definitions`)).status).toBe(401);
  });

  it('lets agents read definitions but not create, change or delete them', async ({ stack, account, base, definitionId }) => {
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'X', attribute_display_type: 'text', attribute_key: 'x', attribute_model: 'contact_attribute' })).status).toBe(403);
    expect((await agent.patch(`${base}/custom_attribute_definitions/${definitionId}`, { attribute_display_name: 'Renamed' })).status).toBe(403);
    expect((await agent.delete(`${base}/custom_attribute_definitions/${definitionId}`)).status).toBe(403);
    expect((await agent.get(`${base}/custom_attribute_definitions`)).body.map((d: { attribute_display_name: string }) => d.attribute_display_name)).toEqual(['Tier']);
  });

  it('answers 404 to another account, and to an agent setting values on a conversation of an inbox they are not in', async ({ stack, account, base, client, otherAccount: other, definitionId }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/custom_attribute_definitions/${definitionId}`)).status).toBe(404);
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.get(`${ownBase}/custom_attribute_definitions/${definitionId}`)).status).toBe(404);
    expect((await stranger.delete(`${ownBase}/custom_attribute_definitions/${definitionId}`)).status).toBe(404);

    const inbox = (await client.post(`${base}/inboxes`, { name: 'Closed room', channel: { type: 'api' } })).body;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Ivy Inbox' });
    const id = (await client.post(`${base}/conversations`, { inbox_id: inbox.id, contact_id: contact.id })).body.id;
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.post(`${base}/conversations/${id}/custom_attributes`, { custom_attributes: { tier: 'gold' } })).status).toBe(404);
    expect((await stranger.post(`${ownBase}/conversations/${id}/custom_attributes`, { custom_attributes: { tier: 'gold' } })).status).toBe(404);
    expect((await client.get(`${base}/conversations/${id}`)).body.custom_attributes).toEqual({});
  });
});
