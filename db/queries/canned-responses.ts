import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { cannedResponses } from '../schema/index.js';

export type CannedResponseRow = typeof cannedResponses.$inferSelect;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The account's canned responses by short code; with `search`, those whose code or content contains it. */
export async function listCannedResponses(db: DatabaseOrTransaction, { accountId, search }: { accountId: number; search?: string }) {
  const matches = search ? or(ilike(cannedResponses.shortCode, likePattern(search)), ilike(cannedResponses.content, likePattern(search))) : undefined;
  return db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.accountId, accountId), matches))
    .orderBy(asc(cannedResponses.shortCode));
}

export async function findCannedResponse(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.accountId, accountId), eq(cannedResponses.id, id)))
    .limit(1);
  return row;
}

export async function insertCannedResponse(db: DatabaseOrTransaction, values: { accountId: number; shortCode: string; content: string }) {
  const [row] = await db.insert(cannedResponses).values(values).returning();
  return row;
}

export async function updateCannedResponse(
  db: DatabaseOrTransaction,
  { accountId, id }: { accountId: number; id: number },
  changes: { shortCode?: string; content?: string },
) {
  const [row] = await db
    .update(cannedResponses)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(cannedResponses.accountId, accountId), eq(cannedResponses.id, id)))
    .returning();
  return row;
}

export async function deleteCannedResponse(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const rows = await db
    .delete(cannedResponses)
    .where(and(eq(cannedResponses.accountId, accountId), eq(cannedResponses.id, id)))
    .returning({ id: cannedResponses.id });
  return rows.length > 0;
}
