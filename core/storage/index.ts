import type { StorageSettings } from '../settings.js';
import type { BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local.js';
import { S3BlobStore } from './s3.js';

export type { BlobStore, ByteRange } from './blob-store.js';
export { BlobNotFoundError } from './blob-store.js';

/** The store the settings name: a local folder (the default) or an S3-compatible bucket. */
export function createBlobStore(settings: StorageSettings): BlobStore {
  if (settings.driver === 's3') return new S3BlobStore(settings.s3);
  return new LocalBlobStore(settings.localDir);
}
