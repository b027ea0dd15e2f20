import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { attachmentBlobs, attachments, conversations, messages, type MessageContentType, type MessageType, type SenderType } from '../../../db/schema/index.js';

export type UploadedFile = { fileName: string; contentType: string; fileType: 'image' | 'audio' | 'video' | 'file'; bytes: Uint8Array };

export type RecordMessageInput = {
  conversation: ConversationRow;
  messageType: MessageType;
  content: string | null;
  sender: { type: SenderType; id: number } | null;
  private?: boolean;
  contentType?: MessageContentType;
  contentAttributes?: Record<string, unknown>;
  echoId?: string;
  sourceId?: string;
  files?: UploadedFile[];
};

/**
 * Stores one message with its files and updates the conversation's activity times, all in the
 * caller's transaction. A repeated echo id returns the first message instead of storing a duplicate.
 */
export async function recordMessage(tx: DatabaseOrTransaction, input: RecordMessageInput): Promise<{ id: number; created: boolean }> {
  const { conversation } = input;
  const [inserted] = await tx
    .insert(messages)
    .values({
      accountId: conversation.accountId,
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      messageType: input.messageType,
      contentType: input.contentType ?? 'text',
      content: input.content,
      contentAttributes: input.contentAttributes ?? {},
      private: input.private ?? false,
      senderType: input.sender?.type ?? null,
      senderId: input.sender?.id ?? null,
      echoId: input.echoId ?? null,
      sourceId: input.sourceId ?? null,
      status: 'sent',
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!inserted) {
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        input.echoId
          ? and(eq(messages.conversationId, conversation.id), eq(messages.echoId, input.echoId))
          : and(eq(messages.inboxId, conversation.inboxId), eq(messages.sourceId, input.sourceId ?? '')),
      );
    return { id: existing.id, created: false };
  }

  for (const file of input.files ?? []) {
    const [attachment] = await tx
      .insert(attachments)
      .values({
        accountId: conversation.accountId,
        messageId: inserted.id,
        fileType: file.fileType,
        fileName: file.fileName,
        contentType: file.contentType,
        byteSize: file.bytes.byteLength,
        accessKey: randomBytes(24).toString('base64url'),
      })
      .returning({ id: attachments.id });
    await tx.insert(attachmentBlobs).values({ attachmentId: attachment.id, data: Buffer.from(file.bytes) });
  }

  const publicReply = input.messageType === 'outgoing' && !input.private;
  await tx
    .update(conversations)
    .set({
      lastActivityAt: sql`now()`,
      updatedAt: sql`now()`,
      ...(input.messageType === 'incoming' ? { waitingSince: sql`coalesce(${conversations.waitingSince}, now())` } : {}),
      ...(publicReply ? { waitingSince: null, firstReplyCreatedAt: sql`coalesce(${conversations.firstReplyCreatedAt}, now())` } : {}),
    })
    .where(eq(conversations.id, conversation.id));
  await publishLiveEvent(tx, {
    type: 'message.created',
    accountId: conversation.accountId,
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    messageId: inserted.id,
  });
  return { id: inserted.id, created: true };
}
