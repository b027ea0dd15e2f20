import { Context } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import { finishContactImport, importContactBatch, prepareContactImport } from '../core/services/contacts/import.js';
import type { BlobStore } from '../core/storage/index.js';
import type { ContactImportActivities } from '../workflows/contact-import/definitions.js';

/** Heartbeats while `work` runs, so a worker killed mid-batch is noticed at the heartbeat timeout, not the batch's whole timeout. */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const ticker = setInterval(() => context.heartbeat(), 2_000);
  try {
    return await work();
  } finally {
    clearInterval(ticker);
  }
}

/** Activities of contact imports; each is idempotent (see core/services/contacts/import.ts). */
export function createContactImportActivities(deps: { db: Database; storage: BlobStore; drainWebhookEvents: (outboxIds: number[]) => void }): ContactImportActivities {
  return {
    prepareContactImport: (input) => heartbeating(() => prepareContactImport(deps, input.importId)),
    importContactBatch: (input) => heartbeating(() => importContactBatch(deps, input)),
    finishContactImport: (input) => finishContactImport(deps, input.importId),
  };
}
