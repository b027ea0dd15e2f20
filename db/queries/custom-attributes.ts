import { and, asc, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { customAttributeDefinitions } from '../schema/index.js';

export type CustomAttributeDefinitionRow = typeof customAttributeDefinitions.$inferSelect;
export type CustomAttributeModelName = CustomAttributeDefinitionRow['attributeModel'];
type DefinitionValues = Omit<typeof customAttributeDefinitions.$inferInsert, 'id' | 'accountId' | 'createdAt' | 'updatedAt'>;

export async function listCustomAttributeDefinitions(db: DatabaseOrTransaction, { accountId, model }: { accountId: number; model?: CustomAttributeModelName }) {
  return db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), model ? eq(customAttributeDefinitions.attributeModel, model) : undefined))
    .orderBy(asc(customAttributeDefinitions.attributeModel), asc(customAttributeDefinitions.displayName), asc(customAttributeDefinitions.id));
}

export async function findCustomAttributeDefinition(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.id, id)))
    .limit(1);
  return row;
}

export async function insertCustomAttributeDefinition(db: DatabaseOrTransaction, values: DefinitionValues & { accountId: number }) {
  const [row] = await db.insert(customAttributeDefinitions).values(values).returning();
  return row;
}

export async function updateCustomAttributeDefinition(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }, changes: Partial<DefinitionValues>) {
  const [row] = await db
    .update(customAttributeDefinitions)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.id, id)))
    .returning();
  return row;
}

export async function deleteCustomAttributeDefinition(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const rows = await db
    .delete(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.id, id)))
    .returning({ id: customAttributeDefinitions.id });
  return rows.length > 0;
}
