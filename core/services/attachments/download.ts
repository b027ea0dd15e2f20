import { Readable } from 'node:stream';
import { findAttachmentForDownload } from '../../../db/queries/attachments.js';
import type { AttachmentFileType } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { decideRange } from '../../domain/byte-range.js';
import { notFound } from '../../errors.js';
import { BlobNotFoundError } from '../../storage/index.js';

export type AttachmentDownload =
  | {
      status: 200 | 206;
      file: { contentType: string; fileName: string; fileType: AttachmentFileType; byteSize: number };
      /** Inclusive byte range sent; the whole file for a 200. */
      range: { start: number; end: number };
      body: Readable;
    }
  | { status: 416; byteSize: number };

/**
 * Opens an attachment for download by its unguessable key, honouring one `Range`. The body streams
 * from the blob store; a file stored before the store existed is served from its database copy
 * until the move (move-legacy-blobs.ts) reaches it.
 */
export async function openAttachmentDownload(deps: Pick<AppDependencies, 'db' | 'storage'>, input: { attachmentId: number; accessKey: string; range?: string }): Promise<AttachmentDownload> {
  const row = await findAttachmentForDownload(deps.db, { id: input.attachmentId, accessKey: input.accessKey });
  if (!row || (!row.storageKey && !row.legacyData)) throw notFound('Attachment');
  const byteSize = row.storageKey ? row.byteSize : row.legacyData!.byteLength;
  const decision = decideRange(input.range, byteSize);
  if (decision.kind === 'unsatisfiable') return { status: 416, byteSize };
  const range = decision.kind === 'partial' ? { start: decision.start, end: decision.end } : { start: 0, end: byteSize - 1 };
  const file = { contentType: row.contentType, fileName: row.fileName, fileType: row.fileType, byteSize };
  let body: Readable;
  if (row.storageKey) {
    try {
      body = await deps.storage.read(row.storageKey, decision.kind === 'partial' ? range : undefined);
    } catch (error) {
      if (!(error instanceof BlobNotFoundError)) throw error;
      console.error(`[uploads] attachment ${input.attachmentId} points at missing object ${row.storageKey}`);
      throw notFound('Attachment');
    }
  } else {
    body = Readable.from([row.legacyData!.subarray(range.start, range.end + 1)]);
  }
  return { status: decision.kind === 'partial' ? 206 : 200, file, range, body };
}
