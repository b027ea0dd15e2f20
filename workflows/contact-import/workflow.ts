import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { ContactImportActivities, ContactImportInput } from './definitions.js';

const { prepareContactImport, importContactBatch, finishContactImport } = proxyActivities<ContactImportActivities>({
  // A batch is 500 rows in one transaction; the activities heartbeat, so a worker killed mid-batch is retried after the heartbeat timeout.
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Batches per run before continuing as new, so a very large file keeps a short history. */
const batchesPerRun = 500;

/**
 * `contact-import-<id>`: one per uploaded CSV. The rows are written by activities, one batch after
 * another (never two at once, so a later row sees what an earlier one created); the file, the
 * progress and which batches are done all live in Postgres, so a restarted worker resumes where the
 * last committed batch left off.
 */
export async function contactImportWorkflow(input: ContactImportInput): Promise<'completed' | 'failed'> {
  const prepared = await prepareContactImport({ importId: input.importId });
  if ('failed' in prepared) return 'failed';
  const first = input.fromBatch ?? 0;
  for (let batchIndex = first; batchIndex < prepared.batchCount; batchIndex++) {
    if (batchIndex - first >= batchesPerRun) await continueAsNew<typeof contactImportWorkflow>({ importId: input.importId, fromBatch: batchIndex });
    await importContactBatch({ importId: input.importId, batchIndex });
  }
  await finishContactImport({ importId: input.importId });
  return 'completed';
}
