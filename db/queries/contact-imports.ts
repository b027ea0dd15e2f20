import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { contactImportBatches, contactImportErrors, contactImports, contacts, type ContactAdditionalAttributes } from '../schema/index.js';

export type ContactImportRow = typeof contactImports.$inferSelect;

export async function insertContactImport(
  db: DatabaseOrTransaction,
  values: { accountId: number; createdById: number; fileName: string; storageKey: string; byteSize: number; columns: string[] },
): Promise<ContactImportRow> {
  const [row] = await db.insert(contactImports).values(values).returning();
  return row;
}

export async function findContactImport(db: DatabaseOrTransaction, { accountId, id }: { accountId?: number; id: number }) {
  const [row] = await db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.id, id), accountId === undefined ? undefined : eq(contactImports.accountId, accountId)));
  return row;
}

export async function listContactImports(db: DatabaseOrTransaction, accountId: number, limit: number) {
  return db.select().from(contactImports).where(eq(contactImports.accountId, accountId)).orderBy(desc(contactImports.id)).limit(limit);
}

/** Records what the preparing pass found; a second pass (a retried activity) keeps the first one's figures. */
export async function recordContactImportPlan(db: DatabaseOrTransaction, id: number, plan: { totalRows: number; batchByteOffsets: number[]; batchFirstRecords: number[] }) {
  const [row] = await db
    .update(contactImports)
    .set({ ...plan, status: 'processing', updatedAt: new Date() })
    .where(and(eq(contactImports.id, id), sql`${contactImports.totalRows} is null`))
    .returning();
  return row ?? (await findContactImport(db, { id }));
}

export async function markContactImportFailed(db: DatabaseOrTransaction, id: number, reason: string) {
  await db
    .update(contactImports)
    .set({ status: 'failed', failureReason: reason, updatedAt: new Date(), completedAt: new Date() })
    .where(eq(contactImports.id, id));
}

export async function markContactImportCompleted(db: DatabaseOrTransaction, id: number) {
  await db
    .update(contactImports)
    .set({ status: 'completed', updatedAt: new Date(), completedAt: sql`coalesce(${contactImports.completedAt}, now())` })
    .where(eq(contactImports.id, id));
}

/**
 * Claims a batch inside the caller's transaction: true for the first writer. A second attempt of
 * the same batch waits here for the first's transaction and then gets false (the first committed)
 * or true (it rolled back, so nothing of it remains).
 */
export async function claimContactImportBatch(db: DatabaseOrTransaction, values: { importId: number; batchIndex: number; rowOffset: number; rows: number }) {
  const inserted = await db
    .insert(contactImportBatches)
    .values({ ...values, createdCount: 0, updatedCount: 0, failedCount: 0 })
    .onConflictDoNothing()
    .returning({ batchIndex: contactImportBatches.batchIndex });
  return inserted.length > 0;
}

export async function recordContactImportBatchCounts(db: DatabaseOrTransaction, importId: number, batchIndex: number, counts: { created: number; updated: number; failed: number }) {
  await db
    .update(contactImportBatches)
    .set({ createdCount: counts.created, updatedCount: counts.updated, failedCount: counts.failed })
    .where(and(eq(contactImportBatches.importId, importId), eq(contactImportBatches.batchIndex, batchIndex)));
}

export async function findContactImportBatch(db: DatabaseOrTransaction, importId: number, batchIndex: number) {
  const [row] = await db
    .select()
    .from(contactImportBatches)
    .where(and(eq(contactImportBatches.importId, importId), eq(contactImportBatches.batchIndex, batchIndex)));
  return row;
}

export async function addContactImportProgress(db: DatabaseOrTransaction, id: number, done: { rows: number; created: number; updated: number; failed: number }) {
  await db
    .update(contactImports)
    .set({
      processedRows: sql`${contactImports.processedRows} + ${done.rows}`,
      createdCount: sql`${contactImports.createdCount} + ${done.created}`,
      updatedCount: sql`${contactImports.updatedCount} + ${done.updated}`,
      failedCount: sql`${contactImports.failedCount} + ${done.failed}`,
      updatedAt: new Date(),
    })
    .where(eq(contactImports.id, id));
}

export async function insertContactImportErrors(db: DatabaseOrTransaction, importId: number, errors: { rowNumber: number; column: string; reason: string }[]) {
  if (errors.length === 0) return;
  await db.insert(contactImportErrors).values(errors.map((error) => ({ importId, ...error })));
}

/** One page of an import's row errors in file order, keyset-paged so a long report streams without OFFSET scans. */
export async function contactImportErrorsAfter(db: DatabaseOrTransaction, importId: number, afterId: number, limit: number) {
  return db
    .select()
    .from(contactImportErrors)
    .where(and(eq(contactImportErrors.importId, importId), sql`${contactImportErrors.id} > ${afterId}`))
    .orderBy(asc(contactImportErrors.id))
    .limit(limit);
}

export type ExistingContactKeys = { id: number; email: string | null; phoneNumber: string | null; identifier: string | null };

/** The account's contacts holding any of these e-mails (lower-cased), phone numbers or identifiers. */
export async function contactsHoldingKeys(db: DatabaseOrTransaction, accountId: number, keys: { emails: string[]; phones: string[]; identifiers: string[] }): Promise<ExistingContactKeys[]> {
  if (keys.emails.length + keys.phones.length + keys.identifiers.length === 0) return [];
  // One jsonb parameter per list, whatever its length (a batch holds up to 500 of each).
  const text = (values: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
  return db
    .select({ id: contacts.id, email: contacts.email, phoneNumber: contacts.phoneNumber, identifier: contacts.identifier })
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        sql`(lower(${contacts.email}) in ${text(keys.emails)} or ${contacts.phoneNumber} in ${text(keys.phones)} or ${contacts.identifier} in ${text(keys.identifiers)})`,
      ),
    );
}

export type ImportedContactValues = {
  name?: string;
  email?: string;
  phoneNumber?: string;
  identifier?: string;
  additionalAttributes: ContactAdditionalAttributes;
  customAttributes: Record<string, unknown>;
};

/** Inserts many contacts in one statement; returns their ids in the order given. */
export async function insertImportedContacts(db: DatabaseOrTransaction, accountId: number, rows: ImportedContactValues[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(contacts)
    .values(
      rows.map((row) => ({
        accountId,
        name: row.name ?? '',
        email: row.email ?? null,
        phoneNumber: row.phoneNumber ?? null,
        identifier: row.identifier ?? null,
        additionalAttributes: row.additionalAttributes,
        customAttributes: row.customAttributes,
      })),
    )
    .returning({ id: contacts.id });
  return inserted.map((row) => row.id);
}

/**
 * Updates many contacts in one statement: given fields replace stored ones, attributes are merged
 * key by key (an empty cell never clears anything).
 */
export async function updateImportedContacts(db: DatabaseOrTransaction, accountId: number, rows: (ImportedContactValues & { id: number })[]) {
  if (rows.length === 0) return;
  const values = JSON.stringify(
    rows.map((row) => ({
      id: row.id,
      name: row.name ?? null,
      email: row.email ?? null,
      phone_number: row.phoneNumber ?? null,
      identifier: row.identifier ?? null,
      additional: row.additionalAttributes,
      custom: row.customAttributes,
    })),
  );
  await db.execute(sql`
    update contacts as c set
      name = coalesce(v.name, c.name),
      email = coalesce(v.email, c.email),
      phone_number = coalesce(v.phone_number, c.phone_number),
      identifier = coalesce(v.identifier, c.identifier),
      additional_attributes = c.additional_attributes || v.additional,
      custom_attributes = c.custom_attributes || v.custom,
      updated_at = now()
    from jsonb_to_recordset(${values}::jsonb) as v(id int, name text, email text, phone_number text, identifier text, additional jsonb, custom jsonb)
    where c.id = v.id and c.account_id = ${accountId}`);
}

export async function contactsWithIds(db: DatabaseOrTransaction, accountId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(contacts).where(and(eq(contacts.accountId, accountId), inArray(contacts.id, ids)));
}
