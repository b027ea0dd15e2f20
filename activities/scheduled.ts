import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { fireScheduledMessage } from '../core/services/messages/scheduled.js';
import type { BlobStore } from '../core/storage/index.js';
import type { ScheduledActivities } from '../workflows/scheduled/definitions.js';

/** Activities of scheduled messages; firing is idempotent under the scheduled row's lock and status. */
export function createScheduledActivities(deps: { db: Database; temporal: Client; storage: BlobStore }): ScheduledActivities {
  return {
    // The outgoing message's delivery starts on the queue this worker serves.
    fireScheduledMessage: (input) => fireScheduledMessage({ ...deps, taskQueue: Context.current().info.taskQueue }, input),
  };
}
