import { z } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { accounts, supportedLocales, type SupportedLocale } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';

export const accountSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    locale: z.enum(supportedLocales),
    auto_resolve_duration: z.number().nullable().openapi({ description: 'Days without a message before an open conversation is resolved; null is off' }),
  })
  .openapi('Account');

export type AccountJson = z.infer<typeof accountSchema>;

const serializeAccount = (row: typeof accounts.$inferSelect): AccountJson => ({
  id: row.id,
  name: row.name,
  locale: row.locale,
  auto_resolve_duration: row.autoResolveDurationDays,
});

/** Every member may read the account's settings (the console shows them). */
export async function showAccount(ctx: ServiceContext) {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.accountId));
  if (!row) throw notFound('Account');
  return serializeAccount(row);
}

/**
 * Administrators change the account's name, locale and auto-resolve duration. Open conversations
 * learn a new duration at their next auto-resolve check (at most six hours away, see the lifecycle
 * workflow), so 10,000 open conversations need no signal each.
 */
export async function updateAccount(ctx: ServiceContext, input: { name?: string; locale?: SupportedLocale; autoResolveDurationDays?: number | null }) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can change the account');
  const [row] = await ctx.db
    .update(accounts)
    .set({ name: input.name, locale: input.locale, autoResolveDurationDays: input.autoResolveDurationDays, updatedAt: sql`now()` })
    .where(eq(accounts.id, ctx.actor.accountId))
    .returning();
  if (!row) throw notFound('Account');
  return serializeAccount(row);
}
