import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import {
  accountMemberships,
  accounts,
  contacts,
  conversationLabels,
  conversations,
  inboxes,
  inboxMembers,
  labels,
  messages,
  teams,
  users,
  type ConversationPriority,
  type ConversationStatus,
} from '../schema/index.js';
import { agentColumns } from './agents.js';
import { countUnread, loadLastMessages } from './messages.js';

export type ConversationRow = typeof conversations.$inferSelect;

export async function listMemberInboxIds(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  const rows = await db
    .select({ id: inboxes.id })
    .from(inboxMembers)
    .innerJoin(inboxes, eq(inboxes.id, inboxMembers.inboxId))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxMembers.userId, userId)));
  return rows.map((r) => r.id);
}

/** Takes the next display id of the account; the row lock serialises concurrent creates, so numbers never repeat. */
export async function allocateConversationDisplayId(tx: DatabaseOrTransaction, accountId: number): Promise<number> {
  const [row] = await tx
    .update(accounts)
    .set({ lastConversationDisplayId: sql`${accounts.lastConversationDisplayId} + 1` })
    .where(eq(accounts.id, accountId))
    .returning({ displayId: accounts.lastConversationDisplayId });
  if (!row) throw new Error(`account ${accountId} does not exist`);
  return row.displayId;
}

export async function findConversationByDisplayId(db: DatabaseOrTransaction, { accountId, displayId }: { accountId: number; displayId: number }) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.displayId, displayId)))
    .limit(1);
  return row;
}

export async function findConversationById(db: DatabaseOrTransaction, id: number) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
  return row;
}

export type ConversationListFilter = {
  accountId: number;
  /** Whose conversations the "me" tab counts. */
  userId: number;
  /** The inboxes the viewer may see; undefined means every inbox of the account (administrators). */
  inboxIds?: readonly number[];
  /** Whose conversations within those inboxes (a custom role's scope); undefined: all of them. */
  conversationScope?: 'all' | 'unassigned_and_own' | 'own_and_participating' | 'none';
  assigneeType: 'me' | 'unassigned' | 'all' | 'assigned';
  status: ConversationStatus | 'all';
  inboxId?: number;
  teamId?: number;
  /** `none` means conversations without a priority. */
  priority?: ConversationPriority | 'none';
  label?: string;
  /** Chatwoot's `q`: conversations with a message containing this text (case-insensitive). */
  search?: string;
  /** A compiled `conversations/filter` payload (core/services/filters). */
  condition?: SQL;
  page: number;
  pageSize: number;
  /** Latest activity first unless sorted by priority (which the list indexes do not serve: a sort of the filtered rows). */
  sortBy?: ConversationSortOrder;
};

/** `q` is matched literally: LIKE's wildcards and its escape character in it are escaped. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function visibilityCondition(inboxIds: readonly number[] | undefined): SQL | undefined {
  if (inboxIds === undefined) return undefined;
  if (inboxIds.length === 0) return sql`false`;
  return inArray(conversations.inboxId, [...inboxIds]);
}

/** "Participating": the user wrote a message (reply or note) in the conversation. */
const wroteIn = (userId: number) =>
  sql`exists (select 1 from ${messages} pm where pm.conversation_id = ${conversations.id} and pm.sender_type = 'user' and pm.sender_id = ${userId}::int)`;

export function conversationScopeCondition(scope: ConversationListFilter['conversationScope'], userId: number): SQL | undefined {
  if (scope === undefined || scope === 'all') return undefined;
  if (scope === 'none') return sql`false`;
  if (scope === 'unassigned_and_own') return sql`(${conversations.assigneeId} is null or ${conversations.assigneeId} = ${userId}::int)`;
  return sql`(${conversations.assigneeId} = ${userId}::int or ${wroteIn(userId)})`;
}

export async function userWroteInConversation(db: DatabaseOrTransaction, { conversationId, userId }: { conversationId: number; userId: number }) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.senderType, 'user'), eq(messages.senderId, userId)))
    .limit(1);
  return row !== undefined;
}

function baseConditions(filter: ConversationCountFilter): SQL[] {
  const conditions: (SQL | undefined)[] = [
    eq(conversations.accountId, filter.accountId),
    filter.status === 'all' ? undefined : eq(conversations.status, filter.status),
    visibilityCondition(filter.inboxIds),
    conversationScopeCondition(filter.conversationScope, filter.userId),
    filter.inboxId ? eq(conversations.inboxId, filter.inboxId) : undefined,
    filter.teamId ? eq(conversations.teamId, filter.teamId) : undefined,
    filter.priority === 'none' ? isNull(conversations.priority) : filter.priority ? eq(conversations.priority, filter.priority) : undefined,
    filter.label
      ? sql`exists (select 1 from ${conversationLabels} cl join ${labels} l on l.id = cl.label_id
          where cl.conversation_id = ${conversations.id} and l.title = ${filter.label})`
      : undefined,
    // No text index backs this: it reads the conversations' messages, so it suits an occasional search, not a tab.
    filter.search
      ? sql`exists (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and m.content ilike ${likePattern(filter.search)})`
      : undefined,
    filter.condition,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

function assigneeCondition(type: ConversationListFilter['assigneeType'], userId: number): SQL | undefined {
  if (type === 'me') return eq(conversations.assigneeId, userId);
  if (type === 'unassigned') return isNull(conversations.assigneeId);
  if (type === 'assigned') return sql`${conversations.assigneeId} is not null`;
  return undefined;
}

export type ConversationCountFilter = Omit<ConversationListFilter, 'assigneeType' | 'page' | 'pageSize' | 'sortBy'>;

export const conversationSortOrders = ['latest', 'priority_desc', 'priority_asc'] as const;
export type ConversationSortOrder = (typeof conversationSortOrders)[number];

/** Urgent first for `priority_desc`; conversations without a priority come last either way. */
const priorityRank = sql`case ${conversations.priority} when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`;

function pageOrder(sortBy: ConversationSortOrder | undefined) {
  const latest = [desc(conversations.lastActivityAt), desc(conversations.id)];
  if (sortBy === 'priority_desc') return [desc(priorityRank), ...latest];
  if (sortBy === 'priority_asc') return [sql`${priorityRank} = 0`, asc(priorityRank), ...latest];
  return latest;
}

/** The three tab counts (Mine / Unassigned / All) under the list's filters, each an index scan. */
export async function countConversationViews(db: DatabaseOrTransaction, filter: ConversationCountFilter) {
  const base = baseConditions(filter);
  const count = (type: ConversationListFilter['assigneeType']) =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(...base, assigneeCondition(type, filter.userId)))
      .then(([row]) => Number(row?.n ?? 0));
  const [mine, unassigned, all] = await Promise.all([count('me'), count('unassigned'), count('all')]);
  return { mine, unassigned, all };
}

/** One page of ids plus the three tab counts, each count an index scan (see conversations_list_by_* indexes). */
export async function listConversationIds(db: DatabaseOrTransaction, filter: ConversationListFilter) {
  const [page, counts] = await Promise.all([
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(...baseConditions(filter), assigneeCondition(filter.assigneeType, filter.userId)))
      .orderBy(...pageOrder(filter.sortBy))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    countConversationViews(db, filter),
  ]);
  return { ids: page.map((r) => r.id), counts };
}

/** Everything a conversation card shows, for many conversations at once, in the order of `ids`. */
export async function loadConversationCards(db: DatabaseOrTransaction, { accountId, ids }: { accountId: number; ids: number[] }) {
  if (ids.length === 0) return [];
  const [rows, labelRows, lastMessages, unread] = await Promise.all([
    db
      .select({
        conversation: conversations,
        contact: contacts,
        inboxChannelType: inboxes.channelType,
        assignee: {
          id: users.id,
          // This account's name for the assignee, as GET /agents shows it.
          name: agentColumns.name,
          displayName: agentColumns.displayName,
          email: users.email,
          role: accountMemberships.role,
          availability: accountMemberships.availability,
          autoOffline: accountMemberships.autoOffline,
          effectiveAvailability: agentColumns.effectiveAvailability,
        },
        team: { id: teams.id, name: teams.name },
      })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .leftJoin(users, eq(users.id, conversations.assigneeId))
      .leftJoin(accountMemberships, and(eq(accountMemberships.userId, conversations.assigneeId), eq(accountMemberships.accountId, conversations.accountId)))
      .leftJoin(teams, eq(teams.id, conversations.teamId))
      .where(and(eq(conversations.accountId, accountId), inArray(conversations.id, ids))),
    db
      .select({ conversationId: conversationLabels.conversationId, title: labels.title })
      .from(conversationLabels)
      .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
      .where(inArray(conversationLabels.conversationId, ids)),
    loadLastMessages(db, { conversationIds: ids }),
    countUnread(db, { conversationIds: ids }),
  ]);
  const byId = new Map(rows.map((r) => [r.conversation.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => r !== undefined)
    .map((r) => ({
      ...r,
      assignee: r.assignee?.id ? { ...r.assignee, role: r.assignee.role ?? 'agent', availability: r.assignee.availability ?? 'offline', autoOffline: r.assignee.autoOffline ?? true } : null,
      team: r.team?.id ? r.team : null,
      labels: labelRows.filter((l) => l.conversationId === r.conversation.id).map((l) => l.title).sort(),
      lastMessage: lastMessages.get(r.conversation.id) ?? null,
      unreadCount: unread.get(r.conversation.id) ?? 0,
    }));
}

export type ConversationCard = Awaited<ReturnType<typeof loadConversationCards>>[number];
