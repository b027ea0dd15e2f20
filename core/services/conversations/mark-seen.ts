import { eq, sql } from 'drizzle-orm';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { findVisibleConversation } from './access.js';

/** An agent opened the conversation: its unread count drops to zero for the team. */
export async function markConversationSeen(ctx: ServiceContext, displayId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  await ctx.db.transaction(async (tx) => {
    await tx.update(conversations).set({ agentLastSeenAt: sql`now()` }).where(eq(conversations.id, conversation.id));
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
  });
}
