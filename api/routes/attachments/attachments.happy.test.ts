import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { moveLegacyBlobs } from '../../../core/services/attachments/move-legacy-blobs.js';
import { sweepOrphanUploads } from '../../../core/services/attachments/sweep-orphans.js';
import { LocalBlobStore } from '../../../core/storage/local.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { attachmentBlobs, attachments, messages } from '../../../db/schema/index.js';
import { localStoreContents, pngOfSize, pngSignature, postStreamed, serveOverHttp } from '../../../tests/support/multipart.js';
import { apiClient, createTestAccount, startTestStack, testS3BlobStore, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

const mebibyte = 1024 * 1024;

async function conversationFor(stack: TestStack, account: TestAccount) {
  const agent = apiClient(stack, account.agent.token);
  const base = `/api/v1/accounts/${account.account.id}`;
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Carla Customer', email: `carla-${randomBytes(4).toString('hex')}@example.test` });
  const created = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
  expect(created.status).toBe(200);
  return { agent, messagesPath: `${base}/conversations/${created.body.id}/messages` };
}

describe('attachments stream to local storage and download with ranges', () => {
  let stack: TestStack;
  let account: TestAccount;
  let store: LocalBlobStore;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    store = stack.deps.storage as LocalBlobStore;
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  /** Sends a streamed multipart body either in-process (app.request) or over real HTTP to a served API. */
  const transports: Array<[string, () => Promise<{ send: typeof postStreamed; close: () => Promise<void> }>]> = [
    ['in-process', async () => ({ send: postStreamed, close: async () => {} })],
    [
      'over HTTP (node-server)',
      async () => {
        const served = await serveOverHttp(stack);
        return { send: (_stack, requestPath, parts, headers) => postStreamed(served.client, requestPath, parts, headers), close: served.close };
      },
    ],
  ];

  it.each(transports)('writes a file to storage while its upload is still arriving (%s), then serves the same bytes', async (_name, transport) => {
    const { send, close } = await transport();
    const { agent, messagesPath } = await conversationFor(stack, account);
    const expected = Buffer.concat([...pngOfSize(12 * mebibyte, 3)]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const upload = send(stack, messagesPath, [
      { name: 'content', value: 'the big scan' },
      {
        name: 'attachments[]',
        fileName: 'scan.png',
        type: 'image/png',
        // Half the file, then hold the rest back until the test has seen bytes reach the store.
        async *chunks() {
          yield expected.subarray(0, 6 * mebibyte);
          await released;
          yield expected.subarray(6 * mebibyte);
        },
      },
    ], { api_access_token: account.agent.token });
    // A buffering server writes nothing before the whole body is in; a streaming one already has.
    for (const deadline = Date.now() + 20_000; ; ) {
      const { incoming } = await localStoreContents(store.root);
      const sizes = await Promise.all(incoming.map((file) => stat(path.join(store.root, file)).then((s) => s.size, () => 0)));
      if (sizes.some((size) => size > 0)) break;
      if (Date.now() > deadline) throw new Error('no upload bytes reached storage while the request was still arriving');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    const created = await upload;
    await close();
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.attachments).toMatchObject([{ file_type: 'image', file_name: 'scan.png', file_size: expected.length }]);

    const [row] = await stack.db.select().from(attachments).where(eq(attachments.id, created.body.attachments[0].id));
    expect(row.storageKey).toMatch(/^attachments\//);
    expect(await stack.db.$count(attachmentBlobs, eq(attachmentBlobs.attachmentId, row.id))).toBe(0);
    expect((await localStoreContents(store.root)).incoming).toEqual([]);

    const download = await agent.raw(created.body.attachments[0].data_url);
    expect(download.status).toBe(200);
    expect(download.headers.get('accept-ranges')).toBe('bytes');
    expect(download.headers.get('content-length')).toBe(String(expected.length));
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await download.arrayBuffer()).equals(expected)).toBe(true);
  });

  it('answers Range requests with 206 and Content-Range, and an unsatisfiable one with 416', async () => {
    const { agent, messagesPath } = await conversationFor(stack, account);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100_000)]);
    const form = new FormData();
    form.append('attachments[]', new File([pdf], 'invoice.pdf', { type: 'application/pdf' }));
    const created = await agent.post(messagesPath, form);
    expect(created.status).toBe(200);
    const url = created.body.attachments[0].data_url;

    const middle = await agent.raw(url, { headers: { range: 'bytes=100-199' } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 100-199/${pdf.length}`);
    expect(middle.headers.get('content-length')).toBe('100');
    expect(middle.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await middle.arrayBuffer()).equals(pdf.subarray(100, 200))).toBe(true);

    const tail = await agent.raw(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${pdf.length - 10}-${pdf.length - 1}/${pdf.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(-10))).toBe(true);

    const rest = await agent.raw(url, { headers: { range: `bytes=${pdf.length - 3}-` } });
    expect(rest.status).toBe(206);
    expect(Buffer.from(await rest.arrayBuffer()).equals(pdf.subarray(-3))).toBe(true);

    const pastTheEnd = await agent.raw(url, { headers: { range: `bytes=${pdf.length}-` } });
    expect(pastTheEnd.status).toBe(416);
    expect(pastTheEnd.headers.get('content-range')).toBe(`bytes */${pdf.length}`);

    const wrongKey = await agent.raw(url.replace(/\/attachments\/(\d+)\/[^/]+\//, '/attachments/$1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/'), { headers: { range: 'bytes=0-1' } });
    expect(wrongKey.status).toBe(404);
  });

  it('moves files stored in Postgres before the blob store into it, once, from several processes at once', async () => {
    const { agent, messagesPath } = await conversationFor(stack, account);
    // Files as the previous release stored them: rows with no storage key and a bytea body.
    const bodies = [Buffer.from('%PDF-1.4 legacy one'), Buffer.from('%PDF-1.4 legacy two'), Buffer.from('%PDF-1.4 legacy three')];
    const message = await agent.post(messagesPath, { content: 'files from before' });
    const legacy: Array<typeof attachments.$inferSelect> = [];
    for (const [i, data] of bodies.entries()) {
      const [row] = await stack.db
        .insert(attachments)
        .values({ accountId: account.account.id, messageId: message.body.id, fileType: 'file', fileName: `old-${i}.pdf`, contentType: 'application/pdf', byteSize: data.length, accessKey: randomBytes(24).toString('base64url') })
        .returning();
      await stack.db.insert(attachmentBlobs).values({ attachmentId: row.id, data });
      legacy.push(row);
    }
    const urlOf = (row: (typeof legacy)[number]) => `/api/attachments/${row.id}/${row.accessKey}/${row.fileName}`;
    // Before the move, downloads (ranges too) come from Postgres.
    const early = await agent.raw(urlOf(legacy[1]), { headers: { range: 'bytes=0-7' } });
    expect(early.status).toBe(206);
    expect(await early.text()).toBe('%PDF-1.4');

    // Two API processes starting together: each row is moved by exactly one of them.
    const target = new LocalBlobStore(store.root);
    const moved = await Promise.all([moveLegacyBlobs({ db: stack.db, storage: target }), moveLegacyBlobs({ db: stack.db, storage: target })]);
    expect(moved[0] + moved[1]).toBe(bodies.length);
    for (const [i, row] of legacy.entries()) {
      const [after] = await stack.db.select().from(attachments).where(eq(attachments.id, row.id));
      expect(after.storageKey).toBe(`attachments/legacy/${row.id}`);
      expect(await stack.db.$count(attachmentBlobs, eq(attachmentBlobs.attachmentId, row.id))).toBe(0);
      const download = await agent.raw(urlOf(row));
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(bodies[i])).toBe(true);
    }
    expect(await moveLegacyBlobs({ db: stack.db, storage: target })).toBe(0);
  });

  it('sweeps objects no row points at (a crash before commit, a deleted message) and unfinished writes, and keeps the rest', async () => {
    const { agent, messagesPath } = await conversationFor(stack, account);
    const form = new FormData();
    form.append('attachments[]', new File([Buffer.from('%PDF-1.7 keep me')], 'keep.pdf', { type: 'application/pdf' }));
    const kept = await agent.post(messagesPath, form);
    const doomed = new FormData();
    doomed.append('attachments[]', new File([Buffer.from('%PDF-1.7 deleted with its message')], 'gone.pdf', { type: 'application/pdf' }));
    const deleted = await agent.post(messagesPath, doomed);
    const [deletedRow] = await stack.db.select().from(attachments).where(eq(attachments.id, deleted.body.attachments[0].id));
    await stack.db.delete(messages).where(eq(messages.id, deleted.body.id));
    // What a crash between storing a file and committing its message leaves behind.
    await store.put('attachments/crashed-before-commit', Readable.from(['%PDF-1.7 orphan']));
    await mkdir(path.join(store.root, '.incoming'), { recursive: true });
    await writeFile(path.join(store.root, '.incoming', 'half-written'), 'partial');

    // Fresh objects are left alone: their row may be a moment from committing.
    expect(await sweepOrphanUploads({ db: stack.db, storage: store })).toEqual({ deletedObjects: 0, abandonedWrites: 0 });

    const later = new Date(Date.now() + 60_000);
    const swept = await sweepOrphanUploads({ db: stack.db, storage: store }, { olderThan: later });
    expect(swept.deletedObjects).toBeGreaterThanOrEqual(2);
    expect(swept.abandonedWrites).toBe(1);
    const { objects, incoming } = await localStoreContents(store.root);
    expect(objects).not.toContain('attachments/crashed-before-commit');
    expect(objects).not.toContain(deletedRow.storageKey);
    expect(incoming).toEqual([]);
    const download = await agent.raw(kept.body.attachments[0].data_url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('%PDF-1.7 keep me');
    // Every object still stored belongs to a row.
    const rows = await stack.db.select({ key: attachments.storageKey }).from(attachments).where(eq(attachments.accountId, account.account.id));
    expect(objects.every((key) => rows.some((row) => row.key === key))).toBe(true);
  });
});

describe('attachments on S3-compatible storage (moto on loopback)', () => {
  let stack: TestStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, storage: testS3BlobStore() });
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  it('streams an upload into the bucket and serves it back whole and by range', async () => {
    const { agent, messagesPath } = await conversationFor(stack, account);
    const expected = Buffer.concat([...pngOfSize(7 * mebibyte, 9)]);
    const created = await postStreamed(stack, messagesPath, [{ name: 'attachments[]', fileName: 'photo.png', type: 'image/png', chunks: () => pngOfSize(7 * mebibyte, 9) }], {
      api_access_token: account.agent.token,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const [row] = await stack.db.select().from(attachments).where(eq(attachments.id, created.body.attachments[0].id));
    const object = await stack.deps.storage.read(row.storageKey!, { start: 0, end: pngSignature.length - 1 });
    expect(new Uint8Array(Buffer.concat(await object.toArray()))).toEqual(pngSignature);

    const whole = await agent.raw(created.body.attachments[0].data_url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(expected)).toBe(true);
    const part = await agent.raw(created.body.attachments[0].data_url, { headers: { range: `bytes=${5 * mebibyte}-${5 * mebibyte + 9}` } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(expected.subarray(5 * mebibyte, 5 * mebibyte + 10))).toBe(true);
  });
});
