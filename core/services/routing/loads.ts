import { listAgents } from '../../../db/queries/agents.js';
import { listMemberInboxIds } from '../../../db/queries/conversations.js';
import { listInboxes } from '../../../db/queries/inboxes.js';
import { listInboxAgentLoads, type AgentLoad } from '../../../db/queries/routing.js';
import type { ServiceContext } from '../../context.js';
import { displayedLimit } from '../../domain/routing.js';
import { serializeAgent } from '../../serializers/user.js';
import { findVisibleInbox } from '../inboxes/access.js';

const loadJson = (load: AgentLoad) => {
  const { open, limit } = displayedLimit(load);
  return { open_conversations_count: open, max_assignment_limit: limit, at_capacity: limit !== null && open >= limit };
};

/**
 * Chatwoot's assignable agents of an inbox (its members and the account's administrators), each with
 * their availability and their load against the limit the router applies to them there, so whoever
 * assigns by hand sees who is at capacity. Anyone who may see the inbox may ask.
 */
export async function listAssignableAgents(ctx: ServiceContext, inboxId: number) {
  const inbox = await findVisibleInbox(ctx, inboxId);
  const [loads, agents] = await Promise.all([
    listInboxAgentLoads(ctx.db, { accountId: ctx.actor.accountId, inboxId: inbox.id, includeAdministrators: true }),
    listAgents(ctx.db, ctx.actor.accountId),
  ]);
  const loadOf = new Map(loads.map((load) => [load.userId, load]));
  return agents.flatMap((agent) => {
    const load = loadOf.get(agent.id);
    return load ? [{ ...serializeAgent(agent), ...loadJson(load) }] : [];
  });
}

/** The signed-in agent's own load in each of their inboxes, against their limit there (the console's availability menu). */
export async function myAssignmentLoad(ctx: ServiceContext) {
  const { accountId, userId } = ctx.actor;
  const inboxIds = await listMemberInboxIds(ctx.db, { accountId, userId });
  const inboxes = await listInboxes(ctx.db, { accountId, ids: inboxIds });
  const perInbox = await Promise.all(
    inboxes.map(async (inbox) => {
      const [load] = await listInboxAgentLoads(ctx.db, { accountId, inboxId: inbox.id, userId });
      return load ? { inbox, load } : undefined;
    }),
  );
  const present = perInbox.filter((entry): entry is NonNullable<typeof entry> => entry !== undefined);
  const any = present[0]?.load;
  return {
    availability_status: any?.availability ?? 'offline',
    open_conversations_count: any?.accountOpen ?? 0,
    account_limit: any?.accountLimit ?? null,
    inboxes: present.map(({ inbox, load }) => ({
      inbox_id: inbox.id,
      name: inbox.name,
      enable_auto_assignment: inbox.enableAutoAssignment,
      open_conversations_count: load.inboxOpen,
      max_assignment_limit: load.inboxLimit,
    })),
  };
}
