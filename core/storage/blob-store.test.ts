import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateBucketCommand, CreateMultipartUploadCommand, ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testBlobStore, testS3BlobStore } from '../../tests/support/stack.js';
import { BlobNotFoundError, type BlobStore } from './blob-store.js';
import { S3BlobStore } from './s3.js';

const bytesOf = async (stream: Readable) => Buffer.concat(await stream.toArray());

/** A body that sends `chunks` and then fails, like an upload cut at its size limit or a dropped client. */
function failingBody(chunks: Buffer[]): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < chunks.length) this.push(chunks[sent++]);
      else this.destroy(new Error('cut short'));
    },
  });
}

const drivers: Array<[string, () => BlobStore]> = [
  ['local disk', () => testBlobStore()],
  ['S3-compatible server (moto)', () => testS3BlobStore()],
];

describe.each(drivers)('the %s blob store', (_name, makeStore) => {
  const store = makeStore();
  afterAll(() => store.close());

  it('stores a streamed body whole, reads it back whole and by range, and deletes it', async () => {
    const key = `attachments/${randomUUID()}`;
    // Larger than lib-storage's 5 MiB part size, so the S3 driver really sends a multipart upload.
    const body = randomBytes(6 * 1024 * 1024 + 123);
    await store.put(key, Readable.from([body.subarray(0, 1_000_000), body.subarray(1_000_000)]));
    expect((await bytesOf(await store.read(key))).equals(body)).toBe(true);
    expect((await bytesOf(await store.read(key, { start: 10, end: 19 }))).equals(body.subarray(10, 20))).toBe(true);
    expect((await bytesOf(await store.read(key, { start: body.length - 5, end: body.length - 1 }))).equals(body.subarray(-5))).toBe(true);
    await store.delete(key);
    await expect(store.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.delete(key);
  });

  it('keeps nothing readable when the body fails half-way', async () => {
    const key = `attachments/${randomUUID()}`;
    await expect(store.put(key, failingBody([randomBytes(6 * 1024 * 1024), randomBytes(1024)]))).rejects.toThrow('cut short');
    await expect(store.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('lists the complete objects under a prefix with when they were written', async () => {
    const prefix = `attachments/list-${randomUUID()}/`;
    const before = Date.now() - 60_000;
    await store.put(`${prefix}a`, Readable.from(['one']));
    await store.put(`${prefix}b/c`, Readable.from(['two']));
    const listed = [];
    for await (const object of store.list(prefix)) listed.push(object);
    expect(listed.map((object) => object.key).sort()).toEqual([`${prefix}a`, `${prefix}b/c`]);
    for (const object of listed) expect(object.modifiedAt.getTime()).toBeGreaterThan(before);
  });

  it('refuses keys that could leave the store', async () => {
    for (const key of ['../escape', 'attachments/../../x', '/absolute', 'a//b']) {
      await expect(store.put(key, Readable.from(['x']))).rejects.toThrow('Unsafe storage key');
    }
  });
});

describe('the S3 driver against moto', () => {
  it('aborts multipart uploads that were started and never finished', async () => {
    // A bucket of its own: aborting "everything older than now" must not touch other tests' uploads.
    const s3 = inject('s3');
    const bucket = `parley-abandoned-${randomUUID()}`;
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3 });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'attachments/crashed-mid-upload' }));
    const store = new S3BlobStore({ ...s3, bucket, region: 'us-east-1', forcePathStyle: true });
    expect(await store.removeAbandonedWrites(new Date(Date.now() + 60_000))).toBe(1);
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);
    client.destroy();
    await store.close();
  });

  it('leaves no multipart upload or object behind when a large body fails', async () => {
    const store = testS3BlobStore();
    const key = `attachments/${randomUUID()}`;
    await expect(store.put(key, failingBody([randomBytes(6 * 1024 * 1024), randomBytes(6 * 1024 * 1024)]))).rejects.toThrow();
    const s3 = inject('s3');
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3 });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: key }));
    expect(listed.KeyCount ?? 0).toBe(0);
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: key }));
    expect(uploads.Uploads ?? []).toEqual([]);
    client.destroy();
    await store.close();
  });
});
