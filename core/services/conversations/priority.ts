import { eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findAgentName } from '../../../db/queries/agents.js';
import { queueAutomationEvent } from '../../../db/queries/automation.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations, type ConversationPriority } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { activityMessage, type ActivityEvent } from '../../domain/activity-messages.js';
import { recordMessage } from '../messages/record.js';
import { dispatchAutomationEventSoon } from '../automation/dispatch.js';
import { conversationJson, findVisibleConversation } from './access.js';

/**
 * Sets the priority inside the caller's transaction, with Chatwoot's activity line, the live event
 * and (unless `fromAutomation`) the conversation_updated automation event. The same priority again
 * changes nothing. Priority is not a status: it never goes through the lifecycle workflow.
 */
export async function writePriority(
  tx: DatabaseOrTransaction,
  input: { conversation: ConversationRow; priority: ConversationPriority | null; actorName: string; fromAutomation?: boolean },
): Promise<{ changed: boolean; automationEventId: number | null }> {
  const { conversation, priority } = input;
  const [current] = await tx.select({ priority: conversations.priority }).from(conversations).where(eq(conversations.id, conversation.id)).for('update');
  if (!current || current.priority === priority) return { changed: false, automationEventId: null };
  await tx.update(conversations).set({ priority, updatedAt: sql`now()` }).where(eq(conversations.id, conversation.id));
  const event: ActivityEvent = priority ? { event: 'priority_set', params: { priority, actor: input.actorName } } : { event: 'priority_removed', params: { actor: input.actorName } };
  await recordMessage(tx, { conversation, messageType: 'activity', ...activityMessage(event), sender: null });
  await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
  const automationEventId = input.fromAutomation ? null : await queueAutomationEvent(tx, { conversationId: conversation.id, eventName: 'conversation_updated' });
  return { changed: true, automationEventId };
}

/** Chatwoot's toggle_priority: `priority` urgent / high / medium / low, or null (or "none") to clear it. */
export async function setConversationPriority(ctx: ServiceContext, input: { displayId: number; priority: ConversationPriority | null }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const written = await ctx.db.transaction(async (tx) => {
    const actorName = (await findAgentName(tx, { accountId: ctx.actor.accountId, userId: ctx.actor.userId })) ?? 'An administrator';
    return writePriority(tx, { conversation, priority: input.priority, actorName });
  });
  await dispatchAutomationEventSoon(ctx, written.automationEventId);
  return conversationJson(ctx, conversation);
}
