import { eq } from 'drizzle-orm';
import { queueAutomationEvent } from '../../../db/queries/automation.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { dispatchAutomationEventSoon } from '../automation/dispatch.js';
import { customAttributeDefinitions } from '../custom-attributes/definitions.js';
import { checkCustomAttributeValues } from '../../domain/custom-attributes.js';
import { invalid } from '../../errors.js';
import { findVisibleConversation } from './access.js';

/**
 * Chatwoot's `POST conversations/{id}/custom_attributes`: the body is the conversation's attributes
 * as a whole, so a defined attribute left out (or null) is removed. Values whose definition was
 * deleted are not the client's to see, so they stay stored unless the body names them.
 */
export async function setConversationCustomAttributes(ctx: ServiceContext, input: { displayId: number; customAttributes: Record<string, unknown> }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const rules = await customAttributeDefinitions(ctx.db, ctx.actor.accountId, 'conversation_attribute');
  const checked = checkCustomAttributeValues(rules, input.customAttributes);
  if (!checked.ok) throw invalid(`custom_attributes.${checked.field}`, checked.reason);
  const defined = new Set(rules.map((rule) => rule.attribute_key));

  const { stored, automationEventId } = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ customAttributes: conversations.customAttributes }).from(conversations).where(eq(conversations.id, conversation.id)).for('update');
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(current.customAttributes)) if (!defined.has(key)) next[key] = value;
    for (const [key, value] of Object.entries(checked.value)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    if (JSON.stringify(next) === JSON.stringify(current.customAttributes)) return { stored: next, automationEventId: null };
    await tx.update(conversations).set({ customAttributes: next }).where(eq(conversations.id, conversation.id));
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    // Routing rules may look at custom attributes, so a change is a conversation_updated event.
    return { stored: next, automationEventId: await queueAutomationEvent(tx, { conversationId: conversation.id, eventName: 'conversation_updated' }) };
  });
  await dispatchAutomationEventSoon(ctx, automationEventId);
  return stored;
}
