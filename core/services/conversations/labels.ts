import { and, eq, inArray } from 'drizzle-orm';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversationLabels, labels } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { conversationJson, findVisibleConversation } from './access.js';

export async function listConversationLabels(ctx: ServiceContext, displayId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  return (await conversationJson(ctx, conversation)).labels;
}

/** Replaces the conversation's labels (Chatwoot semantics); unknown titles are created as account labels. */
export async function setConversationLabels(ctx: ServiceContext, input: { displayId: number; labels: string[] }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const titles = [...new Set(input.labels.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  await ctx.db.transaction(async (tx) => {
    if (titles.length) {
      await tx.insert(labels).values(titles.map((title) => ({ accountId: ctx.actor.accountId, title }))).onConflictDoNothing();
    }
    const wanted = titles.length
      ? await tx.select({ id: labels.id }).from(labels).where(and(eq(labels.accountId, ctx.actor.accountId), inArray(labels.title, titles)))
      : [];
    await tx.delete(conversationLabels).where(eq(conversationLabels.conversationId, conversation.id));
    if (wanted.length) await tx.insert(conversationLabels).values(wanted.map((l) => ({ conversationId: conversation.id, labelId: l.id })));
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
  });
  return titles.sort();
}
