import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Database, DatabaseOrTransaction } from '../../../db/client.js';
import { queueRouterNotices } from '../../../db/queries/routing.js';
import { routerNotices } from '../../../db/schema/index.js';
import type { RoutingReason } from '../../../workflows/inbox-router/definitions.js';
import { signalInboxRouter } from './router-client.js';

export type RouterNoticeDeps = { db: Database; temporal?: Client; taskQueue?: string };

/** The router's dependencies out of a service's (the task queue sits in its config). */
export const routerDepsOf = (ctx: { db: Database; temporal: Client; config: { taskQueue: string } }): RouterNoticeDeps => ({
  db: ctx.db,
  temporal: ctx.temporal,
  taskQueue: ctx.config.taskQueue,
});

/** An inbox whose router should look again; queued in the causing transaction (see `withRouterNotices`). */
export type RouterNotice = { accountId: number; inboxId: number };

/**
 * Signals the inbox's router if a notice is queued for it, then deletes the notice unless a newer
 * cause bumped its version meanwhile (that cause, committed after this read, signals for itself).
 * No lock is held while signalling, so causes in the same inbox never queue behind a delivery. A
 * crash between signal and delete leaves the notice to be delivered again: one more look, no harm.
 */
export async function deliverRouterNotice(deps: Required<RouterNoticeDeps>, inboxId: number, reason: RoutingReason): Promise<boolean> {
  const [row] = await deps.db.select().from(routerNotices).where(eq(routerNotices.inboxId, inboxId));
  if (!row) return false;
  await signalInboxRouter(deps.temporal, deps.taskQueue, row, reason);
  await deps.db.delete(routerNotices).where(and(eq(routerNotices.inboxId, inboxId), eq(routerNotices.version, row.version)));
  return true;
}

/**
 * Right after the causing transaction committed: deliver its notices now. Never fails the caller: a
 * notice that cannot be delivered (Temporal down) stays queued for the worker's sweeper.
 */
export async function deliverRouterNoticesQuietly(deps: RouterNoticeDeps, notices: RouterNotice[], reason: RoutingReason): Promise<void> {
  const { temporal, taskQueue } = deps;
  if (!temporal || !taskQueue) return;
  const inboxIds = [...new Set(notices.map((notice) => notice.inboxId))];
  await Promise.all(
    inboxIds.map((inboxId) =>
      deliverRouterNotice({ db: deps.db, temporal, taskQueue }, inboxId, reason).catch((error: unknown) => {
        console.warn(`[router] could not signal inbox-router-${inboxId} now; the sweeper delivers it`, (error as Error).message);
      }),
    ),
  );
}

/** Queues notices in the transaction and, once it commits, delivers them: the one way services wake routers. */
export async function withRouterNotices<T>(
  deps: RouterNoticeDeps,
  reason: RoutingReason,
  work: (tx: DatabaseOrTransaction, notify: (notices: RouterNotice[]) => Promise<void>) => Promise<T>,
): Promise<T> {
  const queued: RouterNotice[] = [];
  const result = await deps.db.transaction(async (tx) =>
    work(tx, async (notices) => {
      queued.push(...(await queueRouterNotices(tx, notices)));
    }),
  );
  await deliverRouterNoticesQuietly(deps, queued, reason);
  return result;
}

/** Delivers notices nobody delivered (the API died, or Temporal was down); returns how many. */
export async function sweepRouterNotices(deps: Required<RouterNoticeDeps>, options: { olderThanMs: number; limit: number } = { olderThanMs: 15_000, limit: 200 }): Promise<number> {
  const stale = await deps.db
    .select({ inboxId: routerNotices.inboxId })
    .from(routerNotices)
    .where(lt(routerNotices.createdAt, sql`now() - make_interval(secs => ${options.olderThanMs / 1000})`))
    .orderBy(asc(routerNotices.createdAt))
    .limit(options.limit);
  let delivered = 0;
  for (const { inboxId } of stale) if (await deliverRouterNotice(deps, inboxId, 'sweep')) delivered += 1;
  return delivered;
}
