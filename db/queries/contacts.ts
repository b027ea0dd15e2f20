import { and, asc, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { contactInboxes, contacts, conversations, type ContactAdditionalAttributes } from '../schema/index.js';
import { conversationScopeCondition } from './conversations.js';

export type ContactRow = typeof contacts.$inferSelect;

export type NewContact = {
  accountId: number;
  name?: string;
  email?: string | null;
  phoneNumber?: string | null;
  identifier?: string | null;
  additionalAttributes?: ContactAdditionalAttributes;
  customAttributes?: Record<string, unknown>;
};

/** Inserts a contact; e-mails are stored lower-cased so the unique index catches "Ann@x" and "ann@x". */
export async function insertContact(db: DatabaseOrTransaction, values: NewContact): Promise<ContactRow> {
  const [row] = await db
    .insert(contacts)
    .values({
      accountId: values.accountId,
      name: values.name ?? '',
      email: values.email ? values.email.trim().toLowerCase() : null,
      phoneNumber: values.phoneNumber ?? null,
      identifier: values.identifier ?? null,
      additionalAttributes: values.additionalAttributes ?? {},
      customAttributes: values.customAttributes ?? {},
    })
    .returning();
  return row;
}

export async function findContact(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.id, id))).limit(1);
  return row;
}

export async function findContactByEmail(db: DatabaseOrTransaction, { accountId, email }: { accountId: number; email: string }) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), sql`lower(${contacts.email}) = ${email.trim().toLowerCase()}`))
    .limit(1);
  return row;
}

/** Sort keys of the contacts list (Chatwoot's `sort`, a leading `-` for descending). */
export const contactSortKeys = ['name', 'email', 'phone_number', 'last_activity_at', 'created_at'] as const;
export type ContactSortKey = (typeof contactSortKeys)[number];

const sortColumns = {
  name: contacts.name,
  email: contacts.email,
  phone_number: contacts.phoneNumber,
  last_activity_at: contacts.lastActivityAt,
  created_at: contacts.createdAt,
} as const;

/** Escapes LIKE wildcards so a search for "50%" finds the text "50%", not everything. */
const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Which contacts the list shows: the account's (minus silent visitors), optionally matching a search and a compiled filter. */
export function contactListCondition({ accountId, query, condition }: { accountId: number; query?: string; condition?: SQL }): SQL {
  const pattern = query ? likePattern(query) : undefined;
  return and(
    eq(contacts.accountId, accountId),
    // A visitor who opened the widget and never wrote is nobody to list yet: such a contact has a
    // channel link (made by the public API) but no conversation and nothing to reach them by.
    sql`(${contacts.email} is not null or ${contacts.phoneNumber} is not null or ${contacts.identifier} is not null
      or exists (select 1 from ${conversations} where ${conversations.contactId} = ${contacts.id})
      or not exists (select 1 from ${contactInboxes} where ${contactInboxes.contactId} = ${contacts.id}))`,
    pattern
      ? or(ilike(contacts.name, pattern), ilike(contacts.email, pattern), ilike(contacts.phoneNumber, pattern), ilike(contacts.identifier, pattern))
      : undefined,
    condition,
  )!;
}

/** The next contacts after `afterId` in id order, for reading a long list page by page (an export) without OFFSET scans. */
export async function contactsAfter(db: DatabaseOrTransaction, { where, afterId, limit }: { where: SQL; afterId: number; limit: number }) {
  return db.select().from(contacts).where(and(where, sql`${contacts.id} > ${afterId}`)).orderBy(asc(contacts.id)).limit(limit);
}

/**
 * One page of an account's contacts plus the total, optionally matching `query` against name, e-mail,
 * phone and identifier (ILIKE, served by the trigram indexes) and a compiled filter `condition`. Newest first unless sorted; ties broken by id so pages never overlap.
 */
export async function listContacts(
  db: DatabaseOrTransaction,
  {
    accountId,
    query,
    sort,
    descending = false,
    condition,
    page,
    pageSize,
  }: { accountId: number; query?: string; sort?: ContactSortKey; descending?: boolean; condition?: SQL; page: number; pageSize: number },
) {
  const where = contactListCondition({ accountId, query, condition });
  const order = sort
    ? [descending ? sql`${sortColumns[sort]} desc nulls last` : sql`${sortColumns[sort]} asc nulls last`, descending ? desc(contacts.id) : asc(contacts.id)]
    : [desc(contacts.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(contacts)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(where),
  ]);
  return { rows, count: Number(total?.n ?? 0) };
}

export type ContactChanges = Partial<Omit<NewContact, 'accountId'>>;

/** Which of e-mail, phone and identifier already belong to another contact of the account (first one found). */
export async function findContactConflict(
  db: DatabaseOrTransaction,
  { accountId, exceptId, email, phoneNumber, identifier }: { accountId: number; exceptId?: number; email?: string | null; phoneNumber?: string | null; identifier?: string | null },
): Promise<'email' | 'phone_number' | 'identifier' | undefined> {
  const checks: Array<['email' | 'phone_number' | 'identifier', SQL]> = [];
  if (email) checks.push(['email', sql`lower(${contacts.email}) = ${email.trim().toLowerCase()}`]);
  if (phoneNumber) checks.push(['phone_number', eq(contacts.phoneNumber, phoneNumber)]);
  if (identifier) checks.push(['identifier', eq(contacts.identifier, identifier)]);
  for (const [field, condition] of checks) {
    const [row] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), condition, exceptId ? ne(contacts.id, exceptId) : undefined))
      .limit(1);
    if (row) return field;
  }
  return undefined;
}

/** Maps the unique indexes of `contacts` to the request field they protect. */
export const contactUniqueFields: Record<string, 'email' | 'phone_number' | 'identifier'> = {
  contacts_account_email_unique: 'email',
  contacts_account_phone_unique: 'phone_number',
  contacts_account_identifier_unique: 'identifier',
};

export async function updateContact(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }, changes: ContactChanges) {
  const set: Partial<typeof contacts.$inferInsert> = { updatedAt: new Date() };
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.email !== undefined) set.email = changes.email ? changes.email.trim().toLowerCase() : null;
  if (changes.phoneNumber !== undefined) set.phoneNumber = changes.phoneNumber;
  if (changes.identifier !== undefined) set.identifier = changes.identifier;
  if (changes.additionalAttributes !== undefined) set.additionalAttributes = changes.additionalAttributes;
  if (changes.customAttributes !== undefined) set.customAttributes = changes.customAttributes;
  const [row] = await db
    .update(contacts)
    .set(set)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, id)))
    .returning();
  return row;
}

export async function deleteContact(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const rows = await db
    .delete(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, id)))
    .returning({ id: contacts.id });
  return rows.length > 0;
}

/** The contact's conversations, newest activity first; `inboxIds` limits them to inboxes an agent belongs to. */
export async function listContactConversationIds(
  db: DatabaseOrTransaction,
  {
    accountId,
    contactId,
    inboxIds,
    viewer,
  }: { accountId: number; contactId: number; inboxIds?: readonly number[]; viewer?: { userId: number; conversationScope: Parameters<typeof conversationScopeCondition>[0] } },
) {
  if (inboxIds && inboxIds.length === 0) return [];
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.contactId, contactId),
        inboxIds ? inArray(conversations.inboxId, [...inboxIds]) : undefined,
        viewer ? conversationScopeCondition(viewer.conversationScope, viewer.userId) : undefined,
      ),
    )
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id));
  return rows.map((r) => r.id);
}
