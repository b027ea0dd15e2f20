import { z } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { listAutoAssignedInboxes } from '../../../db/queries/routing.js';
import { accounts, supportedLocales, type SupportedLocale } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { changedFields, recordAudit } from '../audit/record.js';
import { forbidden, notFound } from '../../errors.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';

export const accountSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    locale: z.enum(supportedLocales),
    auto_resolve_duration: z.number().nullable().openapi({ description: 'Days without a message before an open conversation is resolved; null is off' }),
    max_open_conversations_per_agent: z.number().int().nullable().openapi({ description: 'Open conversations an agent may hold across all inboxes before the router skips them; null: no account-wide limit' }),
  })
  .openapi('Account');

export type AccountJson = z.infer<typeof accountSchema>;

const serializeAccount = (row: typeof accounts.$inferSelect): AccountJson => ({
  id: row.id,
  name: row.name,
  locale: row.locale,
  auto_resolve_duration: row.autoResolveDurationDays,
  max_open_conversations_per_agent: row.maxOpenConversationsPerAgent,
});

/** Every member may read the account's settings (the console shows them). */
export async function showAccount(ctx: ServiceContext) {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.accountId));
  if (!row) throw notFound('Account');
  return serializeAccount(row);
}

export type AccountChanges = { name?: string; locale?: SupportedLocale; autoResolveDurationDays?: number | null; maxOpenConversationsPerAgent?: number | null };

/**
 * Administrators change the account's name, locale, auto-resolve duration and account-wide limit of
 * open conversations per agent. Open conversations learn a new duration at their next auto-resolve
 * check (at most six hours away, see the lifecycle workflow), so 10,000 open conversations need no
 * signal each. Raising or lifting the limit may let waiting conversations through, so every inbox
 * that assigns automatically looks again.
 */
export async function updateAccount(ctx: ServiceContext, changes: AccountChanges) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can change the account');
  const { accountId } = ctx.actor;
  const row = await withRouterNotices(routerDepsOf(ctx), 'settings_changed', async (tx, notifyRouter) => {
    const [before] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    const [updated] = await tx
      .update(accounts)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(accounts.id, accountId))
      .returning();
    if (!updated || !before) throw notFound('Account');
    const audited = changedFields(serializeAccount(before), serializeAccount(updated));
    delete audited.updated_at;
    if (Object.keys(audited).length > 0) await recordAudit(tx, ctx.actor, { action: 'update', auditableType: 'Account', auditableId: accountId, changes: audited });
    if (changes.maxOpenConversationsPerAgent !== undefined) await notifyRouter(await listAutoAssignedInboxes(tx, accountId));
    return updated;
  });
  return serializeAccount(row);
}
