import { randomBytes } from 'node:crypto';
import type { StoredUpload } from '../attachments/receive.js';
import { and, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { insertMessageWithBookkeeping, type AttachmentRow, type MessageRow } from '../../../db/queries/messages.js';
import { attachments, messages, type MessageContentType, type MessageType, type SenderType } from '../../../db/schema/index.js';

/** A file already in the blob store; its row is written with the message, in the same transaction. */
export type UploadedFile = StoredUpload;

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
  /** Set for files a visitor sent through the public API: the daily upload quotas count these. */
  uploadedByContactId?: number;
};

export type RecordedMessage =
  | { created: true; id: number; message: MessageRow; senderName: string | null; attachments: AttachmentRow[]; noticeId: number | null }
  | { created: false; id: number };

/**
 * Stores one message, moves the conversation's activity times, announces it and (for a customer
 * writing into a resolved or snoozed conversation) queues the lifecycle notice. Without files that
 * is one atomic statement; with files, pass a transaction so message and files commit together.
 * A repeated echo id (or channel source id) returns the first message instead of a duplicate.
 */
export async function recordMessage(db: DatabaseOrTransaction, input: RecordMessageInput): Promise<RecordedMessage> {
  const { conversation } = input;
  const inserted = await insertMessageWithBookkeeping(db, {
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
  });
  if (!inserted) {
    const [existing] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        input.echoId
          ? and(eq(messages.conversationId, conversation.id), eq(messages.echoId, input.echoId))
          : and(eq(messages.inboxId, conversation.inboxId), eq(messages.sourceId, input.sourceId ?? '')),
      );
    return { created: false, id: existing.id };
  }

  const stored: AttachmentRow[] = [];
  for (const file of input.files ?? []) {
    const [attachment] = await db
      .insert(attachments)
      .values({
        accountId: conversation.accountId,
        messageId: inserted.message.id,
        fileType: file.fileType,
        fileName: file.fileName,
        contentType: file.contentType,
        byteSize: file.byteSize,
        accessKey: randomBytes(24).toString('base64url'),
        storageKey: file.storageKey,
        inboxId: conversation.inboxId,
        uploadedByContactId: input.uploadedByContactId ?? null,
      })
      .returning();
    stored.push(attachment);
  }
  return { created: true, id: inserted.message.id, message: inserted.message, senderName: inserted.senderName, attachments: stored, noticeId: inserted.noticeId };
}
