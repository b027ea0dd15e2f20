import { publishLiveEvent } from '../../../db/queries/events.js';
import type { ServiceContext } from '../../context.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import { findVisibleConversation } from './access.js';

/**
 * Chatwoot's `toggle_typing_status` for an agent: the live event reaches the console and, unless the
 * agent is writing a private note, the visitor's widget ("typing…"); webhooks hear
 * conversation_typing_on/off with the agent as `user`. Nothing is stored.
 */
export async function toggleAgentTyping(ctx: ServiceContext, input: { displayId: number; typing: boolean; isPrivate: boolean }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const webhookEvents = await ctx.db.transaction(async (tx) => {
    await publishLiveEvent(tx, {
      type: input.typing ? 'conversation.typing_on' : 'conversation.typing_off',
      accountId: conversation.accountId,
      inboxId: conversation.inboxId,
      conversationId: conversation.id,
      // The widget's stream shows agents' typing only; a private note is typed for colleagues, so it goes as nobody's.
      actor: input.isPrivate ? undefined : { type: 'user', id: ctx.actor.userId },
    });
    return captureWebhookEvents(tx, conversation.accountId, [
      {
        event: input.typing ? 'conversation_typing_on' : 'conversation_typing_off',
        subject: { conversationId: conversation.id, inboxId: conversation.inboxId, typingUserId: ctx.actor.userId, isPrivate: input.isPrivate },
      },
    ]);
  });
  drainWebhookEventsSoon(webhookDrainDeps(ctx), webhookEvents);
}
