import { describe, expect, it } from 'vitest';
import { canBeAssigned, canSeeConversation } from './permissions.js';

describe('permission rules', () => {
  const conversation = { inboxId: 10 };

  it('administrators see every conversation; agents only those of their inboxes', () => {
    expect(canSeeConversation({ userId: 1, role: 'administrator', inboxIds: [] }, conversation)).toBe(true);
    expect(canSeeConversation({ userId: 2, role: 'agent', inboxIds: [10, 11] }, conversation)).toBe(true);
    expect(canSeeConversation({ userId: 3, role: 'agent', inboxIds: [11] }, conversation)).toBe(false);
  });

  it('a conversation can be assigned to an inbox member or any administrator, not to an outsider', () => {
    expect(canBeAssigned({ role: 'agent', inboxIds: [10] }, conversation)).toBe(true);
    expect(canBeAssigned({ role: 'administrator', inboxIds: [] }, conversation)).toBe(true);
    expect(canBeAssigned({ role: 'agent', inboxIds: [12] }, conversation)).toBe(false);
  });
});
