import type { AgentLoad } from '../../db/queries/routing.js';
import type { AssignmentStrategy } from '../../db/schema/index.js';

const below = (count: number, limit: number | null) => limit === null || count < limit;

/** Below every limit that applies to them: their inbox limit, the account-wide one, and the fair-distribution window. */
export function hasCapacity(agent: AgentLoad): boolean {
  return below(agent.inboxOpen, agent.inboxLimit) && below(agent.accountOpen, agent.accountLimit) && below(agent.recentAutomatic, agent.fairLimit);
}

/** Who may get the next conversation: online and below capacity (busy and offline agents get nothing new). */
export function isEligible(agent: AgentLoad): boolean {
  return agent.isMember && agent.availability === 'online' && hasCapacity(agent);
}

/**
 * The next assignee among eligible agents (listed in membership order). Round-robin takes the first
 * after whoever the router assigned last, wrapping around; balanced takes the fewest open
 * conversations in the inbox, ties to whoever was assigned longest ago (never assigned counts as oldest).
 */
export function pickAssignee(agents: AgentLoad[], strategy: AssignmentStrategy, lastAssigneeId: number | null): AgentLoad | undefined {
  const eligible = agents.filter(isEligible);
  if (eligible.length === 0) return undefined;
  if (strategy === 'balanced') {
    const lastAt = (agent: AgentLoad) => agent.lastAutomaticAt?.getTime() ?? -Infinity;
    return eligible.reduce((best, agent) =>
      agent.inboxOpen < best.inboxOpen || (agent.inboxOpen === best.inboxOpen && lastAt(agent) < lastAt(best)) ? agent : best,
    );
  }
  const lastPosition = agents.findIndex((agent) => agent.userId === lastAssigneeId);
  const rotated = [...agents.slice(lastPosition + 1), ...agents.slice(0, lastPosition + 1)];
  return rotated.find(isEligible);
}

/**
 * With nobody eligible, when someone will be without any signal: an online agent held back only by
 * the fair-distribution window is free once their oldest assignment leaves it. Undefined: only a
 * change (resolved, reassigned, online, limit raised) frees anyone, and that change signals.
 */
export function msUntilWindowFrees(agents: AgentLoad[]): number | undefined {
  const waits = agents
    .filter((agent) => agent.isMember && agent.availability === 'online' && below(agent.inboxOpen, agent.inboxLimit) && below(agent.accountOpen, agent.accountLimit))
    .map((agent) => agent.msUntilWindowSlot)
    .filter((ms): ms is number => ms !== null);
  return waits.length ? Math.max(0, Math.min(...waits)) : undefined;
}

/** The limit to show beside someone's load: the tighter of their inbox limit and the account-wide one (by room left). */
export function displayedLimit(agent: Pick<AgentLoad, 'inboxOpen' | 'accountOpen' | 'inboxLimit' | 'accountLimit'>): { open: number; limit: number | null } {
  if (agent.accountLimit !== null && (agent.inboxLimit === null || agent.accountLimit - agent.accountOpen < agent.inboxLimit - agent.inboxOpen)) {
    return { open: agent.accountOpen, limit: agent.accountLimit };
  }
  return { open: agent.inboxOpen, limit: agent.inboxLimit };
}
