import { and, asc, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { contacts, messages, users } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { handOverNotice } from '../messages/outbound.js';
import { recordMessage } from '../messages/record.js';
import { findVisibleConversation } from './access.js';

/** The content attribute that makes a stored activity message a transcript to mail (read by the delivery). */
export const transcriptRecipientAttribute = 'transcript_to';

/**
 * Sends the conversation's transcript (its public messages and their files; private notes left out)
 * to an address, by default the contact's. Stored first as a private activity message that the
 * outbound workflow delivers like any outgoing message, so it is mailed once, retried, and shows
 * sent or failed in the conversation.
 */
export async function requestTranscript(ctx: ServiceContext, input: { displayId: number; email?: string }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const [contact] = await ctx.db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, conversation.contactId));
  const to = input.email?.trim().toLowerCase() || contact?.email;
  if (!to) throw invalid('email', 'The contact has no email address; name one');
  const [author] = await ctx.db.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId));
  const stored = await recordMessage(ctx.db, {
    conversation,
    messageType: 'activity',
    private: true,
    content: `${author?.displayName || author?.name || 'An agent'} sent the conversation transcript to ${to}`,
    contentAttributes: { [transcriptRecipientAttribute]: to },
    sender: { type: 'user', id: ctx.actor.userId },
    delivery: { status: 'queued', sendAfter: null },
  });
  if (stored.created && stored.noticeId) await handOverNotice(ctx, stored.noticeId, stored.id);
  return { id: stored.id, to };
}

/** The transcript's text and the messages whose files go with it: public messages up to the request, oldest first. */
export async function composeTranscript(db: DatabaseOrTransaction, conversation: ConversationRow, upToMessageId: number) {
  const rows = await db
    .select({ message: messages, userName: users.name, userDisplayName: users.displayName, contactName: contacts.name })
    .from(messages)
    .leftJoin(users, and(eq(messages.senderType, 'user'), eq(users.id, messages.senderId)))
    .leftJoin(contacts, and(eq(messages.senderType, 'contact'), eq(contacts.id, messages.senderId)))
    .where(and(eq(messages.conversationId, conversation.id), eq(messages.private, false)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const shown = rows.filter((row) => row.message.id < upToMessageId && row.message.messageType !== 'activity' && !['scheduled', 'queued', 'interrupted'].includes(row.message.status));
  const lines = shown.map((row) => {
    const who = row.userDisplayName || row.userName || row.contactName || 'Someone';
    const when = row.message.createdAt.toISOString().replace('T', ' ').slice(0, 16);
    return `[${when} UTC] ${who}:\n${row.message.content ?? ''}`;
  });
  return {
    subject: `Transcript of conversation #${conversation.displayId}${conversation.additionalAttributes.mailSubject ? `: ${conversation.additionalAttributes.mailSubject}` : ''}`,
    text: lines.join('\n\n') || '(no messages)',
    messageIds: shown.map((row) => row.message.id),
  };
}
