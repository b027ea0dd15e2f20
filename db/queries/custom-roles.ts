import { and, asc, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, customRoles, type RolePermission } from '../schema/index.js';

export type CustomRoleValues = { name?: string; description?: string | null; permissions?: RolePermission[] };

export const listCustomRoles = (db: DatabaseOrTransaction, accountId: number) =>
  db.select().from(customRoles).where(eq(customRoles.accountId, accountId)).orderBy(asc(sql`lower(${customRoles.name})`), asc(customRoles.id));

export async function findCustomRole(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db.select().from(customRoles).where(and(eq(customRoles.accountId, accountId), eq(customRoles.id, id))).limit(1);
  return row;
}

export async function insertCustomRole(db: DatabaseOrTransaction, values: { accountId: number; name: string; description?: string | null; permissions: RolePermission[] }) {
  const [row] = await db.insert(customRoles).values(values).returning();
  return row!;
}

export async function updateCustomRoleRow(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }, values: CustomRoleValues) {
  const [row] = await db
    .update(customRoles)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(customRoles.accountId, accountId), eq(customRoles.id, id)))
    .returning();
  return row;
}

export async function deleteCustomRoleRow(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db.delete(customRoles).where(and(eq(customRoles.accountId, accountId), eq(customRoles.id, id))).returning();
  return row;
}

/** Who holds a role: their open streams re-judge access when it changes. */
export async function listCustomRoleHolderIds(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const rows = await db
    .select({ userId: accountMemberships.userId })
    .from(accountMemberships)
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.customRoleId, id)));
  return rows.map((r) => r.userId);
}
