import { and, eq, sql } from 'drizzle-orm';
import { loadMessagesByIds } from '../../../db/queries/messages.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { attachments, messages } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { canDeleteMessage } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { serializeMessageWithRelations } from '../../serializers/conversation.js';
import { findVisibleConversation } from '../conversations/access.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';

/** What Chatwoot leaves in place of a deleted message, so the thread still shows that something was there. */
export const deletedMessageContent = 'This message was deleted';

/**
 * Chatwoot's message deletion: the message stays as a stub (content "This message was deleted",
 * `content_attributes.deleted: true`), its attachments go. The stub, the attachment rows, the live
 * event (console and widget replace the message at once) and the message_updated webhook event
 * commit together; the files' bodies are removed after the commit (the orphan sweep removes any a
 * crash leaves behind). Deleting a deleted message again changes nothing.
 */
export async function deleteConversationMessage(ctx: ServiceContext, input: { displayId: number; messageId: number }) {
  const { conversation, viewer } = await findVisibleConversation(ctx, input.displayId);
  const outcome = await ctx.db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.accountId, conversation.accountId), eq(messages.conversationId, conversation.id), eq(messages.id, input.messageId)))
      .for('update');
    if (!message) throw notFound('Message');
    if (!canDeleteMessage(viewer, message)) throw forbidden(message.messageType === 'activity' ? 'Activity messages cannot be deleted' : 'Only an administrator or its sender can delete this message');
    if (message.contentAttributes.deleted === true) return { storageKeys: [] as string[], webhookEventIds: [] as number[] };
    // Legacy rows without a blob-store key carry their body in attachment_blobs, which cascades.
    const removed = await tx.delete(attachments).where(eq(attachments.messageId, message.id)).returning({ storageKey: attachments.storageKey });
    await tx
      .update(messages)
      .set({ content: deletedMessageContent, contentAttributes: { ...message.contentAttributes, deleted: true }, updatedAt: sql`now()` })
      .where(eq(messages.id, message.id));
    await publishLiveEvent(tx, { type: 'message.updated', accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id, messageId: message.id });
    const webhookEventIds = await captureWebhookEvents(tx, conversation.accountId, [
      { event: 'message_updated', subject: { conversationId: conversation.id, messageId: message.id, inboxId: conversation.inboxId } },
    ]);
    return { storageKeys: removed.flatMap((row) => (row.storageKey ? [row.storageKey] : [])), webhookEventIds };
  });
  drainWebhookEventsSoon(webhookDrainDeps(ctx), outcome.webhookEventIds);
  for (const key of outcome.storageKeys) {
    await ctx.storage.delete(key).catch((error: Error) => console.warn(`[messages] deleted message ${input.messageId}: file ${key} left to the orphan sweep: ${error.message}`));
  }
  const [loaded] = await loadMessagesByIds(ctx.db, { accountId: conversation.accountId, ids: [input.messageId] });
  if (!loaded) throw notFound('Message');
  return serializeMessageWithRelations(loaded, conversation.displayId);
}

