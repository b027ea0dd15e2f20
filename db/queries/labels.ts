import { and, asc, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { labels } from '../schema/index.js';

export type LabelRow = typeof labels.$inferSelect;

export async function listLabels(db: DatabaseOrTransaction, accountId: number) {
  return db.select().from(labels).where(eq(labels.accountId, accountId)).orderBy(asc(labels.title));
}

export async function findLabel(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.accountId, accountId), eq(labels.id, id)))
    .limit(1);
  return row;
}

export async function findLabelByTitle(db: DatabaseOrTransaction, { accountId, title }: { accountId: number; title: string }) {
  const [row] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.accountId, accountId), eq(labels.title, title)))
    .limit(1);
  return row;
}

export async function insertLabel(
  db: DatabaseOrTransaction,
  values: { accountId: number; title: string; description?: string | null; color?: string; showOnSidebar?: boolean },
) {
  const [row] = await db.insert(labels).values(values).returning();
  return row;
}

export async function updateLabel(
  db: DatabaseOrTransaction,
  { accountId, id }: { accountId: number; id: number },
  changes: { title?: string; description?: string | null; color?: string; showOnSidebar?: boolean },
) {
  const [row] = await db
    .update(labels)
    .set(changes)
    .where(and(eq(labels.accountId, accountId), eq(labels.id, id)))
    .returning();
  return row;
}

export async function deleteLabel(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const rows = await db
    .delete(labels)
    .where(and(eq(labels.accountId, accountId), eq(labels.id, id)))
    .returning({ id: labels.id });
  return rows.length > 0;
}
