import { and, eq, inArray } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { queueAutomationEvent } from '../../../db/queries/automation.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { findAgentName } from '../../../db/queries/agents.js';
import { conversationLabels, conversations, labels } from '../../../db/schema/index.js';
import { dispatchAutomationEventSoon } from '../automation/dispatch.js';
import type { ServiceContext } from '../../context.js';
import { activityMessage } from '../../domain/activity-messages.js';
import { isAdministrator } from '../../domain/permissions.js';
import { ApiError } from '../../errors.js';
import { recordMessage } from '../messages/record.js';
import { syncConversationReporting } from '../reports/sync.js';
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
  const automationEventId = await ctx.db.transaction(async (tx) => {
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
      for (const [event, changed] of [['labels_added', added], ['labels_removed', removed]] as const) {
        if (changed.length) await recordMessage(tx, { conversation, messageType: 'activity', ...activityMessage({ event, params: { labels: changed, actor: actorName } }), sender: null });
      }
    }
    await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    return added.length || removed.length ? queueAutomationEvent(tx, { conversationId: conversation.id, eventName: 'conversation_updated' }) : null;
  });
  await dispatchAutomationEventSoon(ctx, automationEventId);
  return titles.sort();
}

/**
 * A routing rule's add_label / remove_label, inside the rule's transaction: labels the rule names are
 * created when missing (an administrator wrote the rule), and the change triggers no rule.
 */
export async function changeLabelsByAutomation(tx: DatabaseOrTransaction, input: { conversation: ConversationRow; add?: string[]; remove?: string[] }) {
  const { conversation } = input;
  const normalise = (titles: string[] = []) => [...new Set(titles.map((t) => String(t).trim().toLowerCase()).filter(Boolean))];
  const add = normalise(input.add);
  const remove = normalise(input.remove);
  if (add.length) {
    await tx.insert(labels).values(add.map((title) => ({ accountId: conversation.accountId, title }))).onConflictDoNothing();
    const rows = await tx.select({ id: labels.id }).from(labels).where(and(eq(labels.accountId, conversation.accountId), inArray(labels.title, add)));
    await tx.insert(conversationLabels).values(rows.map((l) => ({ conversationId: conversation.id, labelId: l.id }))).onConflictDoNothing();
  }
  if (remove.length) {
    const rows = await tx.select({ id: labels.id }).from(labels).where(and(eq(labels.accountId, conversation.accountId), inArray(labels.title, remove)));
    if (rows.length) {
      await tx.delete(conversationLabels).where(and(eq(conversationLabels.conversationId, conversation.id), inArray(conversationLabels.labelId, rows.map((r) => r.id))));
    }
  }
  // Label reports count the conversation under its labels (no activity message records this change).
  await syncConversationReporting(tx, conversation.id);
  await publishLiveEvent(tx, { type: 'conversation.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
}
