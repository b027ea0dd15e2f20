import { and, asc, eq } from 'drizzle-orm';
import { customFilters } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import type { FilterConditionInput } from '../../domain/filters.js';
import { ApiError, notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import { compileContactFilter } from '../contacts/filter.js';
import { compileConversationFilter } from '../conversations/filter.js';

export type CustomFilterType = (typeof customFilters.$inferSelect)['filterType'];
export type CustomFilterInput = { name?: string; filterType?: CustomFilterType; query?: { payload: FilterConditionInput[] } };

type CustomFilterRow = typeof customFilters.$inferSelect;

/** Chatwoot's saved view JSON. */
export function serializeCustomFilter(row: CustomFilterRow) {
  return { id: row.id, name: row.name, filter_type: row.filterType, query: row.query, created_at: unixSeconds(row.createdAt), updated_at: unixSeconds(row.updatedAt) };
}

/** A view is stored only if it would run: the same compiler checks it, naming the field (`query.payload[1].values`). */
function assertRunnable(filterType: CustomFilterType, query: { payload: FilterConditionInput[] }) {
  try {
    if (filterType === 'contact') compileContactFilter(query.payload);
    else compileConversationFilter(query.payload);
  } catch (error) {
    // The payload sits under `query` in this request body.
    if (error instanceof ApiError && error.field) throw new ApiError(error.code, error.message, `query.${error.field}`);
    throw error;
  }
}

/** Saved views are personal, as in Chatwoot: each member sees and changes only their own. */
const ownedBy = (ctx: ServiceContext) => and(eq(customFilters.accountId, ctx.actor.accountId), eq(customFilters.userId, ctx.actor.userId));

export async function listCustomFilters(ctx: ServiceContext, filterType?: CustomFilterType) {
  const rows = await ctx.db
    .select()
    .from(customFilters)
    .where(and(ownedBy(ctx), filterType ? eq(customFilters.filterType, filterType) : undefined))
    .orderBy(asc(customFilters.id));
  return rows.map(serializeCustomFilter);
}

async function findOwn(ctx: ServiceContext, id: number) {
  const [row] = await ctx.db.select().from(customFilters).where(and(ownedBy(ctx), eq(customFilters.id, id))).limit(1);
  if (!row) throw notFound('Custom filter');
  return row;
}

export async function showCustomFilter(ctx: ServiceContext, id: number) {
  return serializeCustomFilter(await findOwn(ctx, id));
}

export async function createCustomFilter(ctx: ServiceContext, input: Required<CustomFilterInput>) {
  assertRunnable(input.filterType, input.query);
  const [row] = await ctx.db
    .insert(customFilters)
    .values({ accountId: ctx.actor.accountId, userId: ctx.actor.userId, name: input.name, filterType: input.filterType, query: input.query })
    .returning();
  return serializeCustomFilter(row);
}

export async function updateCustomFilter(ctx: ServiceContext, id: number, input: CustomFilterInput) {
  const current = await findOwn(ctx, id);
  const filterType = input.filterType ?? current.filterType;
  const query = input.query ?? (current.query as { payload: FilterConditionInput[] });
  assertRunnable(filterType, query);
  const [row] = await ctx.db
    .update(customFilters)
    .set({ name: input.name ?? current.name, filterType, query, updatedAt: new Date() })
    .where(and(ownedBy(ctx), eq(customFilters.id, id)))
    .returning();
  if (!row) throw notFound('Custom filter');
  return serializeCustomFilter(row);
}

export async function deleteCustomFilter(ctx: ServiceContext, id: number) {
  const rows = await ctx.db.delete(customFilters).where(and(ownedBy(ctx), eq(customFilters.id, id))).returning({ id: customFilters.id });
  if (rows.length === 0) throw notFound('Custom filter');
}
