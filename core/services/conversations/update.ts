import { findAgentName } from '../../../db/queries/agents.js';
import type { ConversationPriority } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { dispatchAutomationEventSoon } from '../automation/dispatch.js';
import { conversationJson, findVisibleConversation } from './access.js';
import { writePriority } from './priority.js';

/**
 * Chatwoot's `PATCH /conversations/{id}`: the attributes an agent sets on a conversation directly.
 * Of Chatwoot's two (priority, sla_policy_id) Parley has priority; an SLA policy is refused by name
 * rather than ignored, so a client does not believe it was set. Absent fields are left alone.
 */
export async function updateConversation(ctx: ServiceContext, input: { displayId: number; priority?: ConversationPriority | null; slaPolicyId?: number | null }) {
  if (input.slaPolicyId !== undefined) throw invalid('sla_policy_id', 'SLA policies are not supported by Parley; leave sla_policy_id out');
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  if (input.priority !== undefined) {
    const priority = input.priority;
    const written = await ctx.db.transaction(async (tx) => {
      const actorName = (await findAgentName(tx, { accountId: ctx.actor.accountId, userId: ctx.actor.userId })) ?? 'An administrator';
      return writePriority(tx, { conversation, priority, actorName });
    });
    await dispatchAutomationEventSoon(ctx, written.automationEventId);
  }
  return conversationJson(ctx, conversation);
}
