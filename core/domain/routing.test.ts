import { describe, expect, it } from 'vitest';
import type { AgentLoad } from '../../db/queries/routing.js';
import { displayedLimit, isEligible, msUntilWindowFrees, pickAssignee } from './routing.js';

const agent = (userId: number, changes: Partial<AgentLoad> = {}): AgentLoad => ({
  userId,
  isMember: true,
  availability: 'online',
  inboxOpen: 0,
  accountOpen: 0,
  inboxLimit: null,
  accountLimit: null,
  recentAutomatic: 0,
  fairLimit: null,
  msUntilWindowSlot: null,
  lastAutomaticAt: null,
  memberSince: new Date(0),
  ...changes,
});

describe('who the router may pick', () => {
  it('only online inbox members below every limit', () => {
    expect(isEligible(agent(1))).toBe(true);
    expect(isEligible(agent(1, { availability: 'busy' }))).toBe(false);
    expect(isEligible(agent(1, { isMember: false }))).toBe(false);
    expect(isEligible(agent(1, { inboxOpen: 5, inboxLimit: 5 }))).toBe(false);
    expect(isEligible(agent(1, { accountOpen: 3, accountLimit: 3 }))).toBe(false);
    expect(isEligible(agent(1, { recentAutomatic: 2, fairLimit: 2 }))).toBe(false);
  });

  it('round-robin continues after the last assignee and wraps, skipping whoever is full', () => {
    const agents = [agent(1), agent(2, { inboxOpen: 1, inboxLimit: 1 }), agent(3)];
    expect(pickAssignee(agents, 'round_robin', null)?.userId).toBe(1);
    expect(pickAssignee(agents, 'round_robin', 1)?.userId).toBe(3);
    expect(pickAssignee(agents, 'round_robin', 3)?.userId).toBe(1);
    // A last assignee who left the inbox: start from the first member.
    expect(pickAssignee(agents, 'round_robin', 99)?.userId).toBe(1);
  });

  it('balanced takes the fewest open, ties to whoever was assigned longest ago', () => {
    const agents = [agent(1, { inboxOpen: 2 }), agent(2, { inboxOpen: 1, lastAutomaticAt: new Date(2000) }), agent(3, { inboxOpen: 1, lastAutomaticAt: new Date(1000) })];
    expect(pickAssignee(agents, 'balanced', null)?.userId).toBe(3);
    expect(pickAssignee([agent(1, { lastAutomaticAt: new Date(5) }), agent(2)], 'balanced', null)?.userId).toBe(2);
  });

  it('nobody eligible: the fair window says when someone frees, capacity limits do not', () => {
    expect(pickAssignee([agent(1, { availability: 'offline' })], 'balanced', null)).toBeUndefined();
    expect(msUntilWindowFrees([agent(1, { recentAutomatic: 2, fairLimit: 2, msUntilWindowSlot: 4000 }), agent(2, { recentAutomatic: 2, fairLimit: 2, msUntilWindowSlot: 9000 })])).toBe(4000);
    expect(msUntilWindowFrees([agent(1, { inboxOpen: 1, inboxLimit: 1, msUntilWindowSlot: 4000 })])).toBeUndefined();
  });

  it('shows the tighter of the inbox and account limits beside the load', () => {
    expect(displayedLimit(agent(1, { inboxOpen: 1, inboxLimit: 5, accountOpen: 4, accountLimit: 5 }))).toEqual({ open: 4, limit: 5 });
    expect(displayedLimit(agent(1, { inboxOpen: 1, inboxLimit: 2, accountOpen: 1, accountLimit: 10 }))).toEqual({ open: 1, limit: 2 });
  });
});
