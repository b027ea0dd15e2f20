import { randomBytes } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { AttachmentFileType } from '../../../db/schema/index.js';
import { checkUpload, maxAttachmentBytes, safeFileName, uploadHeadBytes } from '../../domain/uploads.js';
import { ApiError, invalid } from '../../errors.js';
import type { BlobStore } from '../../storage/index.js';

/** A file whose body is already in the blob store, checked, waiting for its message row. */
export type StoredUpload = { storageKey: string; fileName: string; contentType: string; fileType: AttachmentFileType; byteSize: number };

const mebibytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * How many bytes the files of one request may still take: the per-file limit, and for the public
 * API what is left of the contact's and the inbox's daily quota. Enforced while bytes arrive.
 */
export class UploadBudget {
  private spent = 0;

  constructor(
    private readonly quota?: { remainingBytes: number; exhausted: () => ApiError },
    private readonly field = 'attachments',
  ) {}

  /** The most the next file may hold, and the error to raise when it holds more. */
  limitFor(fileName: string): { bytes: number; error: () => ApiError } {
    const tooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', `${fileName}: files are limited to ${mebibytes(maxAttachmentBytes)}`, this.field);
    if (!this.quota) return { bytes: maxAttachmentBytes, error: tooLarge };
    const left = Math.max(0, this.quota.remainingBytes - this.spent);
    return left < maxAttachmentBytes ? { bytes: left, error: this.quota.exhausted } : { bytes: maxAttachmentBytes, error: tooLarge };
  }

  record(bytes: number): void {
    this.spent += bytes;
  }
}

/**
 * What a kind of upload is: where its bodies live, the content check it must pass and the field its
 * errors name. Attachments by default; a contact import keeps its CSV under its own prefix (which
 * the attachments' orphan sweep leaves alone).
 */
export type UploadPolicy = { keyPrefix: string; field: string; check: typeof checkUpload };
export const attachmentUploadPolicy: UploadPolicy = { keyPrefix: 'attachments', field: 'attachments', check: checkUpload };

/**
 * Streams one file into the store while counting its bytes and keeping its first ones. Past the
 * limit the stream fails and the store keeps nothing; a file whose content is not its declared
 * type is deleted again. Either way the error names the `attachments` field.
 */
export async function receiveUpload(
  store: BlobStore,
  file: { name: string; type: string; body: Readable },
  budget: UploadBudget,
  policy: UploadPolicy = attachmentUploadPolicy,
): Promise<StoredUpload> {
  const limit = budget.limitFor(safeFileName(file.name));
  let byteSize = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      byteSize += chunk.length;
      if (byteSize > limit.bytes) return callback(limit.error());
      if (headLength < uploadHeadBytes) {
        headChunks.push(chunk.subarray(0, uploadHeadBytes - headLength));
        headLength += Math.min(chunk.length, uploadHeadBytes - headLength);
      }
      callback(null, chunk);
    },
  });
  const metered = pipeline(file.body, meter, () => {});
  const storageKey = `${policy.keyPrefix}/${randomBytes(24).toString('base64url')}`;
  await store.put(storageKey, metered);
  const check = policy.check({ name: file.name, type: file.type, head: Buffer.concat(headChunks), byteSize });
  if (!check.ok) {
    await store.delete(storageKey);
    throw invalid(policy.field, check.message);
  }
  budget.record(byteSize);
  return { storageKey, fileName: safeFileName(file.name), contentType: check.contentType, fileType: check.fileType, byteSize };
}

/** Deletes bodies no row will point at (a refused request, a repeated echo id). Failures only leave orphans, so they are logged, not thrown. */
export async function discardUploads(store: BlobStore, files: StoredUpload[]): Promise<void> {
  await Promise.all(
    files.map((file) =>
      store.delete(file.storageKey).catch((error) => console.warn(`[uploads] could not delete orphan ${file.storageKey}: ${(error as Error).message}`)),
    ),
  );
}
