import { randomBytes } from 'node:crypto';
import type { StoredUpload } from '../attachments/receive.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { findIdempotencyKeyHolders, insertMessageWithBookkeeping, type AttachmentRow, type IdempotencyKeyHolder, type MessageRow } from '../../../db/queries/messages.js';
import { attachments, type MessageContentType, type MessageType, type SenderType } from '../../../db/schema/index.js';
import { conflict } from '../../errors.js';
import { syncConversationReporting } from '../reports/sync.js';
import type { OutboundDelivery } from '../../domain/outbound.js';

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
  /** Sent by a routing rule: it does not trigger rules again. */
  fromAutomation?: boolean;
  /** An agent's message the channel must deliver: stored in this state, with its delivery queued in the outbox. */
  delivery?: OutboundDelivery;
};

export type RecordedMessage =
  | { created: true; id: number; message: MessageRow; senderName: string | null; attachments: AttachmentRow[]; noticeId: number | null; webhookEventIds: number[]; automationEventId: number | null }
  | { created: false; id: number };

/**
 * Stores one message, moves the conversation's activity times, announces it, (for a customer
 * writing into a resolved or snoozed conversation) queues the lifecycle notice and records its
 * reporting events, all in one transaction.
 * A repeated echo id (or channel source id) from the same sender in the same conversation returns
 * the first message instead of a duplicate; any other clash is a 409 naming the key (see
 * `replayedMessageId`).
 */
export async function recordMessage(db: DatabaseOrTransaction, input: RecordMessageInput): Promise<RecordedMessage> {
  // The reporting events the message causes commit with it (a savepoint inside a caller's transaction).
  return db.transaction(async (tx) => {
    const recorded = await storeMessage(tx, input);
    if (recorded.created) await syncConversationReporting(tx, input.conversation.id);
    return recorded;
  });
}

async function storeMessage(db: DatabaseOrTransaction, input: RecordMessageInput): Promise<RecordedMessage> {
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
    status: input.delivery?.status ?? 'sent',
    sendAfter: input.delivery?.sendAfter ?? null,
  }, { queueAutomation: !input.fromAutomation, outbound: input.delivery !== undefined });
  if (!inserted) {
    const holders = await findIdempotencyKeyHolders(db, {
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      echoId: input.echoId ?? null,
      sourceId: input.sourceId ?? null,
    });
    return { created: false, id: replayedMessageId(input, holders) };
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
  return {
    created: true,
    id: inserted.message.id,
    message: inserted.message,
    senderName: inserted.senderName,
    attachments: stored,
    noticeId: inserted.noticeId,
    automationEventId: inserted.automationEventId,
    webhookEventIds: inserted.webhookEventId === null ? [] : [inserted.webhookEventId],
  };
}

/**
 * Decides what a clashing echo id / source id means. Echo ids are a sender's retry key inside one
 * conversation, source ids a channel's id for a message inside one inbox. Only the same sender
 * repeating the same kind of message in the same conversation is a retry and gets its message
 * back; anything else (another sender, another conversation, a private note for a public message)
 * must not reveal the stored message, so it is a conflict naming the key.
 */
export function replayedMessageId(input: RecordMessageInput, holders: IdempotencyKeyHolder[]): number {
  const { conversation } = input;
  const byEcho = input.echoId ? holders.find((m) => m.conversationId === conversation.id && m.echoId === input.echoId) : undefined;
  const bySource = input.sourceId ? holders.find((m) => m.inboxId === conversation.inboxId && m.sourceId === input.sourceId) : undefined;
  if (byEcho && bySource && byEcho.id !== bySource.id) throw sourceIdTaken();
  const holder = byEcho ?? bySource;
  // The clashing row can vanish before we look (its conversation deleted): the client may retry.
  if (!holder) throw input.echoId ? echoIdTaken() : sourceIdTaken();
  const isRetry =
    holder.conversationId === conversation.id &&
    holder.senderType === (input.sender?.type ?? null) &&
    holder.senderId === (input.sender?.id ?? null) &&
    holder.messageType === input.messageType &&
    holder.private === (input.private ?? false);
  if (!isRetry) throw byEcho ? echoIdTaken() : sourceIdTaken();
  return holder.id;
}

const echoIdTaken = () => conflict('echo_id is already used by another message in this conversation; send a new echo_id', 'echo_id');
const sourceIdTaken = () => conflict('source_id is already used by another message in this inbox', 'source_id');
