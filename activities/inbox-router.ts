import type { Database } from '../db/client.js';
import { runRoutingPass } from '../core/services/routing/run-routing-pass.js';
import type { InboxRouterActivities } from '../workflows/inbox-router/definitions.js';

/** Activities of the inbox router; a retried pass re-reads Postgres, so it never assigns anything twice. */
export function createInboxRouterActivities({ db }: { db: Database }): InboxRouterActivities {
  return {
    runRoutingPass: (input) => runRoutingPass(db, input),
  };
}
