import { eq } from 'drizzle-orm';
import { listAutoAssignedInboxes } from '../../../db/queries/routing.js';
import { accounts } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';

export type AccountChanges = { name?: string; maxOpenConversationsPerAgent?: number | null };

/**
 * Administrators rename the account or set the account-wide limit of open conversations per agent
 * (across all inboxes; null: none). Raising or lifting the limit may let waiting conversations through,
 * so every inbox that assigns automatically looks again.
 */
export async function updateAccount(ctx: ServiceContext, changes: AccountChanges) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can change the account');
  const { accountId } = ctx.actor;
  const row = await withRouterNotices(routerDepsOf(ctx), 'settings_changed', async (tx, notifyRouter) => {
    const [updated] = await tx
      .update(accounts)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(accounts.id, accountId))
      .returning();
    if (!updated) throw notFound('Account');
    if (changes.maxOpenConversationsPerAgent !== undefined) await notifyRouter(await listAutoAssignedInboxes(tx, accountId));
    return updated;
  });
  return { id: row.id, name: row.name, locale: row.locale, max_open_conversations_per_agent: row.maxOpenConversationsPerAgent };
}
