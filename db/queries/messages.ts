import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { attachments, contacts, messages, users } from '../schema/index.js';

export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = Omit<typeof attachments.$inferSelect, 'createdAt'>;
export type SenderRow = { id: number; name: string; type: 'user' | 'contact' | 'agent_bot' | 'guest' } | null;
export type MessageWithRelations = { message: MessageRow; sender: SenderRow; attachments: AttachmentRow[] };

const attachmentColumns = {
  id: attachments.id,
  accountId: attachments.accountId,
  messageId: attachments.messageId,
  fileType: attachments.fileType,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  byteSize: attachments.byteSize,
  accessKey: attachments.accessKey,
};

/** Attaches senders and files to message rows with two queries, however many messages. */
async function withRelations(db: DatabaseOrTransaction, rows: MessageRow[]): Promise<MessageWithRelations[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const userIds = [...new Set(rows.filter((r) => r.senderType === 'user' && r.senderId).map((r) => r.senderId!))];
  const contactIds = [...new Set(rows.filter((r) => r.senderType === 'contact' && r.senderId).map((r) => r.senderId!))];
  const [files, senderUsers, senderContacts] = await Promise.all([
    db.select(attachmentColumns).from(attachments).where(inArray(attachments.messageId, ids)).orderBy(asc(attachments.id)),
    userIds.length ? db.select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.name})` }).from(users).where(inArray(users.id, userIds)) : [],
    contactIds.length ? db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactIds)) : [],
  ]);
  const userNames = new Map(senderUsers.map((u) => [u.id, u.name]));
  const contactNames = new Map(senderContacts.map((c) => [c.id, c.name]));
  return rows.map((message) => {
    let sender: SenderRow = null;
    if (message.senderType === 'user' && message.senderId) sender = { id: message.senderId, name: userNames.get(message.senderId) ?? '', type: 'user' };
    if (message.senderType === 'contact' && message.senderId) sender = { id: message.senderId, name: contactNames.get(message.senderId) ?? '', type: 'contact' };
    return { message, sender, attachments: files.filter((f) => f.messageId === message.id) };
  });
}

export const messagesPageSize = 50;

/** One page of a conversation's messages, oldest first; `beforeId` pages back through history. */
export async function listConversationMessages(
  db: DatabaseOrTransaction,
  { accountId, conversationId, beforeId, includePrivate }: { accountId: number; conversationId: number; beforeId?: number; includePrivate: boolean },
): Promise<MessageWithRelations[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.accountId, accountId),
        eq(messages.conversationId, conversationId),
        beforeId ? lt(messages.id, beforeId) : undefined,
        includePrivate ? undefined : eq(messages.private, false),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(messagesPageSize);
  return withRelations(db, rows.reverse());
}

export async function loadMessagesByIds(db: DatabaseOrTransaction, { accountId, ids }: { accountId: number; ids: number[] }) {
  if (ids.length === 0) return [];
  const rows = await db.select().from(messages).where(and(eq(messages.accountId, accountId), inArray(messages.id, ids)));
  return withRelations(db, rows);
}

/** The newest message of each conversation (for list previews), activity messages included as Chatwoot does. */
export async function loadLastMessages(db: DatabaseOrTransaction, { conversationIds }: { conversationIds: number[] }) {
  if (conversationIds.length === 0) return new Map<number, MessageWithRelations>();
  const rows = await db.execute<{ id: number }>(sql`
    select last.id from unnest(${sql.raw(`array[${conversationIds.map(Number).join(',')}]::int[]`)}) as c(id)
    cross join lateral (
      select m.id from messages m where m.conversation_id = c.id and m.private = false
      order by m.created_at desc, m.id desc limit 1
    ) last`);
  const ids = [...rows].map((r) => Number(r.id));
  if (ids.length === 0) return new Map<number, MessageWithRelations>();
  const loaded = await withRelations(db, await db.select().from(messages).where(inArray(messages.id, ids)));
  return new Map(loaded.map((m) => [m.message.conversationId, m]));
}

/** Incoming messages an agent has not seen yet, per conversation. */
export async function countUnread(db: DatabaseOrTransaction, { conversationIds }: { conversationIds: number[] }) {
  if (conversationIds.length === 0) return new Map<number, number>();
  const rows = await db.execute<{ conversation_id: number; unread: number }>(sql`
    select c.id as conversation_id, (
      select count(*)::int from messages m
      where m.conversation_id = c.id and m.message_type = 'incoming'
        and m.created_at > coalesce(c.agent_last_seen_at, 'epoch'::timestamptz)
    ) as unread
    from conversations c where c.id in ${sql.raw(`(${conversationIds.map(Number).join(',')})`)}`);
  return new Map([...rows].map((r) => [Number(r.conversation_id), Number(r.unread)]));
}
