import busboy from 'busboy';
import { Readable, Transform } from 'node:stream';
import { ApiError, invalid } from '../../core/errors.js';
import { maxAttachmentsPerMessage } from '../../core/domain/uploads.js';
import { attachmentUploadPolicy, discardUploads, receiveUpload, type StoredUpload, type UploadBudget, type UploadPolicy } from '../../core/services/attachments/receive.js';
import type { BlobStore } from '../../core/storage/index.js';
import { maxRequestBytes } from '../limits.js';

export type MultipartUpload = { fields: Record<string, string>; files: StoredUpload[] };

/**
 * Parses a multipart body as it arrives: plain fields as strings, and each file under `fileField`
 * or `fileField[]` streamed straight into the blob store within the budget (never buffered whole).
 * Limits are enforced while streaming (413/429 naming the field); on any failure the files already
 * stored are deleted before the error is thrown, so nothing is left half-written.
 */
export async function readMultipartUpload(
  request: Request,
  options: { fileField: string; store: BlobStore; budget: UploadBudget; policy?: UploadPolicy; maxFiles?: number },
): Promise<MultipartUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: 1024 * 1024, fields: 100, files: maxAttachmentsPerMessage + 1 } });
  } catch {
    throw invalid(options.fileField, 'The multipart body could not be read');
  }
  if (!request.body) throw invalid(options.fileField, 'The multipart body is empty');
  const maxFiles = options.maxFiles ?? maxAttachmentsPerMessage;

  const fields: Record<string, string> = {};
  const stored: StoredUpload[] = [];
  const pending: Promise<void>[] = [];
  let failure: unknown;
  let fileCount = 0;
  // Once the body stops flowing, a file half-way through would wait forever for its end: fail it.
  const streaming = new Set<Readable>();
  const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);

  const finished = new Promise<void>((resolve) => {
    const fail = (error: unknown) => {
      failure ??= error;
      source.unpipe();
      source.destroy();
      for (const body of streaming) body.destroy(new Error('The upload was cut short'));
      resolve();
    };
    let bodyBytes = 0;
    const bodyMeter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bodyBytes += chunk.length;
        if (bodyBytes > maxRequestBytes) return callback(new ApiError('PAYLOAD_TOO_LARGE', `Requests are limited to ${maxRequestBytes / 1024 / 1024} MiB`, options.fileField));
        callback(null, chunk);
      },
    });
    bodyMeter.on('error', fail);
    source.on('error', (error) => fail(failure ?? invalid(options.fileField, `The multipart body could not be read: ${error.message}`)));
    parser.on('error', (error: Error) => fail(invalid(options.fileField, `The multipart body could not be read: ${error.message}`)));
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(invalid(name, `${name}: the value is too long`));
      else fields[name] = value;
    });
    parser.on('file', (name, body, info) => {
      if (failure || (name !== options.fileField && name !== `${options.fileField}[]`)) {
        body.resume();
        return;
      }
      fileCount += 1;
      if (fileCount > maxFiles) {
        body.resume();
        fail(invalid(options.fileField, maxFiles === 1 ? 'Send one file' : `At most ${maxFiles} attachments per message`));
        return;
      }
      streaming.add(body);
      body.once('close', () => streaming.delete(body));
      pending.push(
        receiveUpload(options.store, { name: info.filename ?? 'file', type: info.mimeType, body }, options.budget, options.policy ?? attachmentUploadPolicy).then(
          (file) => void stored.push(file),
          (error) => fail(error),
        ),
      );
    });
    parser.on('close', () => resolve());
    source.pipe(bodyMeter).pipe(parser);
  });

  await finished;
  await Promise.allSettled(pending);
  if (failure) {
    await discardUploads(options.store, stored);
    throw failure;
  }
  return { fields, files: stored };
}

/** Runs `use` with the stored files; if it throws, their bodies are deleted (no row will point at them). */
export async function withUploads<T>(store: BlobStore, files: StoredUpload[], use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    await discardUploads(store, files);
    throw error;
  }
}
