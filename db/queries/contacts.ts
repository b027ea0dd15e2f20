import { and, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { contacts, type ContactAdditionalAttributes } from '../schema/index.js';

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
