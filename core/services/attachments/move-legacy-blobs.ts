import { Readable } from 'node:stream';
import type { Database } from '../../../db/client.js';
import { claimLegacyBlob, finishLegacyBlobMove } from '../../../db/queries/attachments.js';
import type { BlobStore } from '../../storage/index.js';

/**
 * Moves file bodies stored in Postgres (attachment_blobs, before the blob store) into the store,
 * one per transaction. Safe to run from several processes at once: each claims a row with
 * `for update skip locked`. The key is derived from the attachment id, so a process that dies
 * after writing the object but before committing leaves a row that the next run moves again onto
 * the same key — nothing is duplicated or lost. Downloads keep working throughout (a row not yet
 * moved is served from Postgres). Returns how many bodies it moved; `signal` stops it between
 * bodies (a shutting-down API does not wait for the whole table).
 */
export async function moveLegacyBlobs(deps: { db: Database; storage: BlobStore }, options: { signal?: AbortSignal } = {}): Promise<number> {
  let moved = 0;
  while (!options.signal?.aborted) {
    const done = await deps.db.transaction(async (tx) => {
      const blob = await claimLegacyBlob(tx);
      if (!blob) return true;
      const storageKey = `attachments/legacy/${blob.attachmentId}`;
      await deps.storage.put(storageKey, Readable.from([blob.data]));
      await finishLegacyBlobMove(tx, { attachmentId: blob.attachmentId, storageKey });
      return false;
    });
    if (done) return moved;
    moved += 1;
  }
  return moved;
}
