import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contact filters, labels, notes and merge: who may do what', () => {
  let stack: TestStack;
  let account: TestAccount;
  let other: TestAccount;
  let base: string;
  let contactId: number;
  let otherContactId: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    other = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
    contactId = (await apiClient(stack, account.agent.token).post(`${base}/contacts`, { name: 'Private Pat', email: 'pat@example.test' })).body.payload.contact.id;
    otherContactId = (await apiClient(stack, other.agent.token).post(`/api/v1/accounts/${other.account.id}/contacts`, { name: 'Theirs' })).body.payload.contact.id;
  });
  afterAll(() => stack.close());

  it('answers 401 without a token', async () => {
    const anonymous = apiClient(stack);
    expect((await anonymous.post(`${base}/contacts/filter`, { payload: [{ attribute_key: 'name', filter_operator: 'is_present' }] })).status).toBe(401);
    expect((await anonymous.get(`${base}/contacts/${contactId}/notes`)).status).toBe(401);
    expect((await anonymous.post(`${base}/actions/contact_merge`, { base_contact_id: contactId, mergee_contact_id: otherContactId })).status).toBe(401);
  });

  it('never reaches another account’s contacts', async () => {
    const stranger = apiClient(stack, other.admin.token);
    const theirs = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.post(`${base}/contacts/filter`, { payload: [{ attribute_key: 'name', filter_operator: 'is_present' }] })).status).toBe(404);
    expect((await stranger.get(`${theirs}/contacts/${contactId}/notes`)).status).toBe(404);
    expect((await stranger.post(`${theirs}/contacts/${contactId}/notes`, { content: 'sneaky' })).status).toBe(404);
    expect((await stranger.get(`${theirs}/contacts/${contactId}/labels`)).status).toBe(404);
    const filtered = await stranger.post(`${theirs}/contacts/filter`, { payload: [{ attribute_key: 'email', filter_operator: 'equal_to', values: ['pat@example.test'] }] });
    expect(filtered.body.payload).toEqual([]);
    // Merging across accounts: the other account's contact is simply not found, and nothing moves.
    const merge = await stranger.post(`${theirs}/actions/contact_merge`, { base_contact_id: otherContactId, mergee_contact_id: contactId });
    expect(merge.status).toBe(404);
    expect((await apiClient(stack, account.agent.token).get(`${base}/contacts/${contactId}`)).status).toBe(200);
  });

  it('lets only a note’s author or an administrator edit or delete it', async () => {
    const author = apiClient(stack, account.agent.token);
    const colleague = apiClient(stack, account.outsider.token);
    const admin = apiClient(stack, account.admin.token);
    const note = (await author.post(`${base}/contacts/${contactId}/notes`, { content: 'Mine' })).body;
    const forbiddenEdit = await colleague.patch(`${base}/contacts/${contactId}/notes/${note.id}`, { content: 'Theirs now' });
    expect(forbiddenEdit.status).toBe(403);
    expect((await colleague.delete(`${base}/contacts/${contactId}/notes/${note.id}`)).status).toBe(403);
    expect((await author.get(`${base}/contacts/${contactId}/notes/${note.id}`)).body.content).toBe('Mine');
    expect((await admin.delete(`${base}/contacts/${contactId}/notes/${note.id}`)).status).toBe(200);
    const other = (await colleague.post(`${base}/contacts/${contactId}/notes`, { content: 'Colleague note' })).body;
    expect((await colleague.delete(`${base}/contacts/${contactId}/notes/${other.id}`)).status).toBe(200);
  });
});
