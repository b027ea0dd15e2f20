import { and, asc, desc, eq, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { attachments, automationEvents, automationRules, contacts, conversations, guests, lifecycleOutbox, messages, users, webhookOutbox } from '../schema/index.js';
import { endpointSubscribes } from './webhooks.js';
import { eventsChannel } from './events.js';

export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = Omit<typeof attachments.$inferSelect, 'createdAt' | 'storageKey' | 'inboxId' | 'uploadedByContactId'>;
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
  const guestIds = [...new Set(rows.filter((r) => r.senderType === 'guest' && r.senderId).map((r) => r.senderId!))];
  const [files, senderUsers, senderContacts, senderGuests] = await Promise.all([
    db.select(attachmentColumns).from(attachments).where(inArray(attachments.messageId, ids)).orderBy(asc(attachments.id)),
    userIds.length ? db.select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.name})` }).from(users).where(inArray(users.id, userIds)) : [],
    contactIds.length ? db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactIds)) : [],
    // A guest is known by the e-mail their access was given to.
    guestIds.length ? db.select({ id: guests.id, name: guests.email }).from(guests).where(inArray(guests.id, guestIds)) : [],
  ]);
  const guestNames = new Map(senderGuests.map((g) => [g.id, g.name]));
  const userNames = new Map(senderUsers.map((u) => [u.id, u.name]));
  const contactNames = new Map(senderContacts.map((c) => [c.id, c.name]));
  return rows.map((message) => {
    let sender: SenderRow = null;
    if (message.senderType === 'user' && message.senderId) sender = { id: message.senderId, name: userNames.get(message.senderId) ?? '', type: 'user' };
    if (message.senderType === 'contact' && message.senderId) sender = { id: message.senderId, name: contactNames.get(message.senderId) ?? '', type: 'contact' };
    if (message.senderType === 'guest' && message.senderId) sender = { id: message.senderId, name: guestNames.get(message.senderId) ?? '', type: 'guest' };
    return { message, sender, attachments: files.filter((f) => f.messageId === message.id) };
  });
}

/** Many ids as one parameter, so the statement's text (and its prepared plan) is the same for any count. */
export const idArray = (ids: number[]) => sql`string_to_array(${ids.map(Number).join(',')}, ',')::int[]`;

export const messagesPageSize = 50;

/**
 * One page of a conversation's messages, oldest first; `beforeId` pages back through history.
 * `hiddenStatuses` leaves out messages the reader may not see yet (the customer: one in its window).
 */
export async function listConversationMessages(
  db: DatabaseOrTransaction,
  {
    accountId,
    conversationId,
    beforeId,
    includePrivate,
    hiddenStatuses = [],
  }: { accountId: number; conversationId: number; beforeId?: number; includePrivate: boolean; hiddenStatuses?: readonly MessageRow['status'][] },
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
        hiddenStatuses.length ? notInArray(messages.status, [...hiddenStatuses]) : undefined,
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
    select last.id from unnest(${idArray(conversationIds)}) as c(id)
    cross join lateral (
      select m.id from messages m where m.conversation_id = c.id and m.message_type <> 'activity'
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
    from conversations c where c.id = any(${idArray(conversationIds)})`);
  return new Map([...rows].map((r) => [Number(r.conversation_id), Number(r.unread)]));
}

type MessageJsonRow = {
  id: number;
  account_id: number;
  conversation_id: number;
  inbox_id: number;
  message_type: MessageRow['messageType'];
  content_type: MessageRow['contentType'];
  content: string | null;
  content_attributes: Record<string, unknown>;
  private: boolean;
  status: MessageRow['status'];
  sender_type: MessageRow['senderType'];
  sender_id: number | null;
  source_id: string | null;
  echo_id: string | null;
  external_error: string | null;
  send_after: string | null;
  created_at: string;
  updated_at: string;
};

const messageRowFromJson = (row: MessageJsonRow): MessageRow => ({
  id: row.id,
  accountId: row.account_id,
  conversationId: row.conversation_id,
  inboxId: row.inbox_id,
  messageType: row.message_type,
  contentType: row.content_type,
  content: row.content,
  contentAttributes: row.content_attributes,
  private: row.private,
  status: row.status,
  senderType: row.sender_type,
  senderId: row.sender_id,
  sourceId: row.source_id,
  echoId: row.echo_id,
  externalError: row.external_error,
  sendAfter: row.send_after === null ? null : new Date(row.send_after),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/**
 * Stores a message and, in the same statement, moves the conversation's activity times, announces
 * the message (NOTIFY, delivered on commit) and — for a customer writing into a resolved or snoozed
 * conversation — queues the lifecycle notice, or for an agent's message the channel delivers
 * (`outbound`) the notice that starts its delivery. One statement is atomic on its own and costs one
 * round trip, which is what message ingest needs. Returns nothing when the echo/source id was seen before.
 */
export async function insertMessageWithBookkeeping(db: DatabaseOrTransaction, values: typeof messages.$inferInsert, options: { queueAutomation?: boolean; outbound?: boolean } = {}) {
  const incoming = values.messageType === 'incoming';
  // Routing rules hear of customer and agent messages, never of activity lines or of what a rule itself sent (no loops).
  const queueAutomation = (options.queueAutomation ?? true) && values.messageType !== 'activity';
  const outbound = options.outbound === true;
  const publicReply = values.messageType === 'outgoing' && !values.private;
  const insert = db.insert(messages).values(values).onConflictDoNothing().returning();
  const rows = await db.execute<{ message: MessageJsonRow; notice_id: number | null; webhook_event_id: number | null; automation_event_id: number | null; sender_name: string | null }>(sql`
    with m as ${insert},
    c as (
      update ${conversations} set
        last_activity_at = now(),
        updated_at = now(),
        waiting_since = case when ${incoming}::boolean then coalesce(waiting_since, now()) when ${publicReply}::boolean then null else waiting_since end,
        first_reply_created_at = case when ${publicReply}::boolean then coalesce(first_reply_created_at, now()) else first_reply_created_at end
      where id = ${values.conversationId}::int and exists (select 1 from m)
      returning id, account_id, inbox_id, status
    ),
    o as (
      insert into ${lifecycleOutbox} (conversation_id, message_id, kind)
      select c.id, m.id, case when ${outbound}::boolean then 'outbound_message' else 'incoming_message' end from c, m
      where ${outbound}::boolean or (${incoming}::boolean and c.status in ('resolved', 'snoozed'))
      returning id
    ),
    w as (
      insert into ${webhookOutbox} (account_id, event, subject)
      select c.account_id, 'message_created', json_build_object('conversationId', c.id, 'messageId', m.id, 'inboxId', c.inbox_id)::jsonb
      from c, m where m.status = 'sent' and ${endpointSubscribes(sql`c.account_id`, 'message_created', sql`c.inbox_id`)}
      returning id
    ),
    a as (
      insert into ${automationEvents} (account_id, conversation_id, event_name, message_id)
      select c.account_id, c.id, 'message_created', m.id from c, m
      where ${queueAutomation}::boolean and exists (
        select 1 from ${automationRules} r where r.account_id = c.account_id and r.event_name = 'message_created' and r.active)
      returning id
    ),
    n as (
      select pg_notify(${eventsChannel}, json_build_object(
        'type', 'message.created', 'accountId', c.account_id, 'inboxId', c.inbox_id, 'conversationId', c.id, 'messageId', m.id)::text) as sent
      from c, m
    )
    select row_to_json(m) as message,
      (select id from o) as notice_id,
      (select id from w) as webhook_event_id,
      (select id from a) as automation_event_id,
      (select count(*) from n) as notified,
      case m.sender_type
        when 'user' then (select coalesce(u.display_name, u.name) from ${users} u where u.id = m.sender_id)
        when 'contact' then (select ct.name from ${contacts} ct where ct.id = m.sender_id)
        when 'guest' then (select g.email from ${guests} g where g.id = m.sender_id)
      end as sender_name
    from m`);
  const [row] = [...rows];
  if (!row) return undefined;
  return {
    message: messageRowFromJson(row.message),
    noticeId: row.notice_id === null ? null : Number(row.notice_id),
    webhookEventId: row.webhook_event_id === null ? null : Number(row.webhook_event_id),
    automationEventId: row.automation_event_id === null ? null : Number(row.automation_event_id),
    senderName: row.sender_name,
  };
}

export type IdempotencyKeyHolder = Pick<MessageRow, 'id' | 'conversationId' | 'inboxId' | 'messageType' | 'private' | 'senderType' | 'senderId' | 'echoId' | 'sourceId'>;

/** The messages already holding an echo id (unique per conversation) or a source id (unique per inbox). */
export async function findIdempotencyKeyHolders(
  db: DatabaseOrTransaction,
  { conversationId, inboxId, echoId, sourceId }: { conversationId: number; inboxId: number; echoId: string | null; sourceId: string | null },
): Promise<IdempotencyKeyHolder[]> {
  const clashes = [
    echoId === null ? undefined : and(eq(messages.conversationId, conversationId), eq(messages.echoId, echoId)),
    sourceId === null ? undefined : and(eq(messages.inboxId, inboxId), eq(messages.sourceId, sourceId)),
  ].filter((clash) => clash !== undefined);
  if (clashes.length === 0) return [];
  return db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      inboxId: messages.inboxId,
      messageType: messages.messageType,
      private: messages.private,
      senderType: messages.senderType,
      senderId: messages.senderId,
      echoId: messages.echoId,
      sourceId: messages.sourceId,
    })
    .from(messages)
    .where(or(...clashes));
}

/**
 * Moves an outgoing message's delivery state, only from one of the `from` states (so an interrupt
 * and the delivery's claim cannot both win), and announces it (NOTIFY message.updated, on commit)
 * in the same statement. Reaching `sent` is when integrators first hear of an agent's reply: the
 * message_created webhook event is captured by this same statement (a message interrupted in its
 * send window is never announced). A delivery that fails, and a failed one sent again, are
 * `message_updated` (integrators see the status and `external_error` change), captured the same way.
 * Returns the updated row and that event's outbox id, or nothing when the message was not in a `from` state.
 */
export async function updateMessageDelivery(
  db: DatabaseOrTransaction,
  { accountId, messageId, from }: { accountId: number; messageId: number; from: readonly MessageRow['status'][] },
  changes: { status: MessageRow['status']; externalError?: string | null; sourceId?: string },
): Promise<(MessageRow & { webhookEventId: number | null }) | undefined> {
  const update = db
    .update(messages)
    .set({ status: changes.status, updatedAt: new Date(), ...(changes.externalError !== undefined ? { externalError: changes.externalError } : {}), ...(changes.sourceId ? { sourceId: changes.sourceId } : {}) })
    .where(and(eq(messages.accountId, accountId), eq(messages.id, messageId), inArray(messages.status, [...from])))
    .returning();
  const announcedAs = webhookEventOfDeliveryChange(from, changes.status);
  const rows = await db.execute<{ message: MessageJsonRow; webhook_event_id: number | null }>(sql`
    with m as ${update},
    n as (
      select pg_notify(${eventsChannel}, json_build_object(
        'type', 'message.updated', 'accountId', m.account_id, 'inboxId', m.inbox_id, 'conversationId', m.conversation_id, 'messageId', m.id)::text)
      from m
    ),
    w as (
      insert into ${webhookOutbox} (account_id, event, subject)
      select m.account_id, ${announcedAs ?? 'message_created'}::text, json_build_object('conversationId', m.conversation_id, 'messageId', m.id, 'inboxId', m.inbox_id)::jsonb
      from m where ${announcedAs !== null}::boolean and ${endpointSubscribes(sql`m.account_id`, announcedAs ?? 'message_created', sql`m.inbox_id`)}
      returning id
    )
    select row_to_json(m) as message, (select id from w) as webhook_event_id, (select count(*) from n) as notified from m`);
  const [row] = [...rows];
  if (!row) return undefined;
  return { ...messageRowFromJson(row.message), webhookEventId: row.webhook_event_id === null ? null : Number(row.webhook_event_id) };
}

/**
 * The webhook event a delivery state change announces: reaching `sent` is the reply's first
 * appearance (message_created); failing, or a failed message queued again, changes a message
 * integrators may hold (message_updated). Claims and interrupts inside the window say nothing.
 */
function webhookEventOfDeliveryChange(from: readonly MessageRow['status'][], to: MessageRow['status']): 'message_created' | 'message_updated' | null {
  if (to === 'sent') return 'message_created';
  if (to === 'failed' || (to === 'queued' && from.includes('failed'))) return 'message_updated';
  return null;
}

/** The channel ids (email Message-IDs) of a conversation's messages, oldest first: its mail thread. */
export async function listConversationSourceIds(db: DatabaseOrTransaction, { conversationId, beforeId }: { conversationId: number; beforeId: number }): Promise<string[]> {
  const rows = await db
    .select({ sourceId: messages.sourceId })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), lt(messages.id, beforeId), sql`${messages.sourceId} is not null`))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.map((row) => row.sourceId!);
}
