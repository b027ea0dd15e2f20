import type { Database } from '../../../db/client.js';
import { storageKeysInUse } from '../../../db/queries/attachments.js';
import type { BlobStore } from '../../storage/index.js';

/** Objects younger than this are never swept: their row may be a moment from committing. */
export const orphanGraceMs = 24 * 60 * 60 * 1000;

/**
 * Deletes what no attachment row points at: objects left by a crash between storing a file and
 * committing its message, objects of deleted messages or accounts (rows cascade, objects do not),
 * and writes that never completed. Only things older than the grace period go, so an upload in
 * flight is never touched. Safe from several processes at once (deletes are idempotent).
 */
export async function sweepOrphanUploads(deps: { db: Database; storage: BlobStore }, options: { olderThan?: Date; signal?: AbortSignal } = {}) {
  const cutoff = options.olderThan ?? new Date(Date.now() - orphanGraceMs);
  let deletedObjects = 0;
  const batch: string[] = [];
  const flush = async () => {
    const inUse = await storageKeysInUse(deps.db, batch);
    for (const key of batch) {
      if (inUse.has(key)) continue;
      await deps.storage.delete(key);
      deletedObjects += 1;
    }
    batch.length = 0;
  };
  for await (const object of deps.storage.list('attachments/')) {
    if (options.signal?.aborted) break;
    if (object.modifiedAt >= cutoff) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  const abandonedWrites = await deps.storage.removeAbandonedWrites(cutoff);
  return { deletedObjects, abandonedWrites };
}
