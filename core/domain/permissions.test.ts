import { describe, expect, it } from 'vitest';
import { allowsRoute, canBeAssigned, canSeeConversation, conversationScopeOf, type Viewer } from './permissions.js';

describe('permission rules', () => {
  const conversation = { inboxId: 10 };
  const agent = (userId: number, inboxIds: number[], conversationScope: Viewer['conversationScope'] = 'all'): Viewer => ({ userId, role: 'agent', inboxIds, conversationScope });

  it('administrators see every conversation; agents only those of their inboxes', () => {
    expect(canSeeConversation({ userId: 1, role: 'administrator', inboxIds: [], conversationScope: 'all' }, conversation)).toBe(true);
    expect(canSeeConversation(agent(2, [10, 11]), conversation)).toBe(true);
    expect(canSeeConversation(agent(3, [11]), conversation)).toBe(false);
  });

  it('a narrower role sees only unassigned-and-own, or own-and-participating, conversations of its inboxes', () => {
    const unassigned = agent(5, [10], 'unassigned_and_own');
    expect(canSeeConversation(unassigned, { inboxId: 10, assigneeId: null })).toBe(true);
    expect(canSeeConversation(unassigned, { inboxId: 10, assigneeId: 5 })).toBe(true);
    expect(canSeeConversation(unassigned, { inboxId: 10, assigneeId: 6 })).toBe(false);
    expect(canSeeConversation(unassigned, { inboxId: 11, assigneeId: null })).toBe(false);
    const participating = agent(5, [10], 'own_and_participating');
    expect(canSeeConversation(participating, { inboxId: 10, assigneeId: null })).toBe(false);
    expect(canSeeConversation(participating, { inboxId: 10, assigneeId: 5 })).toBe(true);
    expect(canSeeConversation(participating, { inboxId: 10, assigneeId: 6, viewerParticipates: true })).toBe(true);
    expect(canSeeConversation(agent(5, [10], 'none'), { inboxId: 10, assigneeId: 5 })).toBe(false);
  });

  it('the widest conversation permission of a custom role decides its scope; the built-in roles keep theirs', () => {
    expect(conversationScopeOf({ role: 'agent' })).toBe('all');
    expect(conversationScopeOf({ role: 'administrator', customRole: { permissions: [] } })).toBe('all');
    expect(conversationScopeOf({ role: 'agent', customRole: { permissions: ['conversation_participating_manage', 'conversation_unassigned_manage'] } })).toBe('unassigned_and_own');
    expect(conversationScopeOf({ role: 'agent', customRole: { permissions: ['contact_manage'] } })).toBe('none');
  });

  it('route declarations: built-in agents keep contacts but not labels or reports; a custom role grants exactly its permissions', () => {
    expect(allowsRoute({ role: 'agent' }, 'contact_manage')).toBe(true);
    expect(allowsRoute({ role: 'agent' }, 'label_manage')).toBe(false);
    expect(allowsRoute({ role: 'agent' }, 'report_manage')).toBe(false);
    expect(allowsRoute({ role: 'agent' }, 'administrator')).toBe(false);
    const reporter = { role: 'agent' as const, customRole: { permissions: ['report_manage' as const] } };
    expect(allowsRoute(reporter, 'report_manage')).toBe(true);
    expect(allowsRoute(reporter, 'contact_manage')).toBe(false);
    expect(allowsRoute(reporter, 'conversations')).toBe(false);
    expect(allowsRoute(reporter, 'account_member')).toBe(true);
  });

  it('a conversation can be assigned to an inbox member or any administrator, not to an outsider', () => {
    expect(canBeAssigned({ role: 'agent', inboxIds: [10] }, conversation)).toBe(true);
    expect(canBeAssigned({ role: 'administrator', inboxIds: [] }, conversation)).toBe(true);
    expect(canBeAssigned({ role: 'agent', inboxIds: [12] }, conversation)).toBe(false);
  });
});
