import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { listAutoAssignedInboxesOf } from '../../../db/queries/routing.js';
import type { AppConfig } from '../../context.js';
import { routerDepsOf, withRouterNotices, type RouterNoticeDeps } from '../routing/router-notices.js';
import type { Client } from '@temporalio/client';

/** PRESENCE_OFFLINE_AFTER's default: a few console ticks (15 s each) missed in a row, plus a reload's worth of grace. */
export const defaultPresenceOfflineAfterMs = 3 * 60 * 1000;

/**
 * The agent is at their console now (a live event stream opened or ticked, or they set their
 * availability): presence is extended. Coming back after presence had lapsed restores what they
 * chose — an agent who chose "offline" stays offline — and, when that is "online", their inboxes'
 * routers look again, since they can take waiting conversations.
 */
export async function recordPresence(
  deps: { db: Database; temporal: Client; config: Pick<AppConfig, 'taskQueue' | 'presenceOfflineAfterMs'> },
  { accountId, userId }: { accountId: number; userId: number },
): Promise<void> {
  const offlineAfterMs = deps.config.presenceOfflineAfterMs ?? defaultPresenceOfflineAfterMs;
  const routerDeps: RouterNoticeDeps = routerDepsOf(deps);
  await withRouterNotices(routerDeps, 'availability_changed', async (tx, notifyRouter) => {
    const rows = await tx.execute<{ came_back: boolean }>(sql`
      update account_memberships m
      set presence_expires_at = now() + make_interval(secs => ${offlineAfterMs / 1000})
      from (select id, presence_expires_at from account_memberships where account_id = ${accountId} and user_id = ${userId} for update) previous
      where m.id = previous.id
      returning (m.auto_offline and m.availability = 'online' and (previous.presence_expires_at is null or previous.presence_expires_at <= now())) as came_back
    `);
    if (rows[0]?.came_back) await notifyRouter(await listAutoAssignedInboxesOf(tx, { accountId, userId }));
  });
}
