import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { inboxSignatures } from '../schema/index.js';

export type SignatureRow = typeof inboxSignatures.$inferSelect;

/** The inbox's signatures: the general one (user null) and each agent's. */
export async function listInboxSignatures(db: DatabaseOrTransaction, { accountId, inboxId }: { accountId: number; inboxId: number }) {
  return db
    .select()
    .from(inboxSignatures)
    .where(and(eq(inboxSignatures.accountId, accountId), eq(inboxSignatures.inboxId, inboxId)))
    .orderBy(sql`${inboxSignatures.userId} nulls first`, asc(inboxSignatures.id));
}

/** Writes one signature (the general one with `userId` null), replacing what was there. */
export async function upsertInboxSignature(
  db: DatabaseOrTransaction,
  values: { accountId: number; inboxId: number; userId: number | null; body: string; enabled: boolean },
): Promise<SignatureRow> {
  const [row] = await db
    .insert(inboxSignatures)
    .values(values)
    .onConflictDoUpdate({ target: [inboxSignatures.inboxId, inboxSignatures.userId], set: { body: values.body, enabled: values.enabled, updatedAt: new Date() } })
    .returning();
  return row;
}

/** The signature an agent's mail from this inbox ends with: theirs if switched on, else the general one if on. */
export async function findSignatureFor(db: DatabaseOrTransaction, { inboxId, userId }: { inboxId: number; userId: number | null }): Promise<string | null> {
  const rows = await db
    .select({ userId: inboxSignatures.userId, body: inboxSignatures.body })
    .from(inboxSignatures)
    .where(and(eq(inboxSignatures.inboxId, inboxId), eq(inboxSignatures.enabled, true), or(isNull(inboxSignatures.userId), userId === null ? undefined : eq(inboxSignatures.userId, userId))));
  const own = rows.find((row) => row.userId !== null);
  const general = rows.find((row) => row.userId === null);
  return (own ?? general)?.body.trim() || null;
}
