import { and, eq, inArray } from 'drizzle-orm';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { findAgentName } from '../../../db/queries/agents.js';
import { conversationLabels, conversations, labels } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { ApiError } from '../../errors.js';
import { recordMessage } from '../messages/record.js';
import { conversationJson, findVisibleConversation } from './access.js';

export async function listConversationLabels(ctx: ServiceContext, displayId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  return (await conversationJson(ctx, conversation)).labels;
}

/**
 * Replaces the conversation's labels (Chatwoot semantics). Unknown titles become account labels
 * only for administrators, who manage labels; an agent naming one gets a 403 and nothing changes.
 */
export async function setConversationLabels(ctx: ServiceContext, input: { displayId: number; labels: string[] }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const titles = [...new Set(input.labels.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  await ctx.db.transaction(async (tx) => {
    if (titles.length && isAdministrator(ctx.actor)) {
      await tx.insert(labels).values(titles.map((title) => ({ accountId: ctx.actor.accountId, title }))).onConflictDoNothing();
    }
    const wanted = titles.length
      ? await tx.select({ id: labels.id, title: labels.title }).from(labels).where(and(eq(labels.accountId, ctx.actor.accountId), inArray(labels.title, titles)))
      : [];
    const unknown = titles.filter((title) => !wanted.some((label) => label.title === title));
    if (unknown.length) {
      throw new ApiError('FORBIDDEN', `Only administrators can create labels; ask one to create ${unknown.map((t) => `"${t}"`).join(', ')}`, 'labels');
    }
    // The labels before this write, read under the conversation's row lock, so concurrent changes each log what they changed.
    await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversation.id)).for('update');
    const before = await tx
      .select({ title: labels.title })
      .from(conversationLabels)
      .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
      .where(eq(conversationLabels.conversationId, conversation.id));
    const previous = before.map((row) => row.title);
    await tx.delete(conversationLabels).where(eq(conversationLabels.conversationId, conversation.id));
    if (wanted.length) await tx.insert(conversationLabels).values(wanted.map((l) => ({ conversationId: conversation.id, labelId: l.id })));
    const added = titles.filter((title) => !previous.includes(title)).sort();
    const removed = previous.filter((title) => !titles.includes(title)).sort();
    if (added.length || removed.length) {
      const actorName = (await findAgentName(tx, { accountId: ctx.actor.accountId, userId: ctx.actor.userId })) ?? 'An administrator';
      for (const [verb, changed] of [['added', added], ['removed', removed]] as const) {
        if (changed.length) await recordMessage(tx, { conversation, messageType: 'activity', content: `${actorName} ${verb} ${changed.join(', ')}`, sender: null });
      }
    }
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
  });
  return titles.sort();
}
