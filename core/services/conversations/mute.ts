import type { ServiceContext } from '../../context.js';
import { conversationJson, findVisibleConversation } from './access.js';
import { requestMuteChange } from './lifecycle-client.js';

/**
 * Chatwoot's mute / unmute. The lifecycle workflow decides: muting resolves the conversation and
 * keeps it resolved when the customer writes again (their messages are stored and shown, nobody is
 * asked to answer); unmuting lets the next customer message reopen it.
 */
export async function setConversationMuted(ctx: ServiceContext, input: { displayId: number; muted: boolean }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  await requestMuteChange(ctx.temporal, ctx.config.taskQueue, conversation, { muted: input.muted, actor: { type: 'user', id: ctx.actor.userId } });
  return conversationJson(ctx, conversation);
}
