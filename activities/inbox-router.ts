import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { runRoutingPass } from '../core/services/routing/run-routing-pass.js';
import type { InboxRouterActivities } from '../workflows/inbox-router/definitions.js';

/** Activities of the inbox router; a retried pass re-reads Postgres, so it never assigns anything twice. */
export function createInboxRouterActivities({
  db,
  temporal,
  taskQueue,
  notificationDigestDelayMs,
}: {
  db: Database;
  /** Starts the digest timers of the agents the pass assigned. */
  temporal: Client;
  taskQueue: string;
  notificationDigestDelayMs?: number;
}): InboxRouterActivities {
  const digests = { temporal, config: { taskQueue, notificationDigestDelayMs } };
  return {
    runRoutingPass: (input) => runRoutingPass({ db, digests }, input),
  };
}
