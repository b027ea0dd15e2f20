import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBlobStore } from '../../../core/storage/local.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { attachments, conversations, messages } from '../../../db/schema/index.js';
import { localStoreContents, multipartStream, pngOfSize, postStreamed, serveOverHttp } from '../../../tests/support/multipart.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

const mebibyte = 1024 * 1024;

describe('uploads that break a limit are refused while streaming and leave nothing behind', () => {
  let stack: TestStack;
  let account: TestAccount;
  let store: LocalBlobStore;
  let conversationId: number;
  let messagesPath: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    store = stack.deps.storage as LocalBlobStore;
    account = await createTestAccount(stack);
    const agent = apiClient(stack, account.agent.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Carla Customer', email: 'carla@example.test' });
    const created = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    const [row] = await stack.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, created.body.id)));
    conversationId = row.id;
    messagesPath = `${base}/conversations/${created.body.id}/messages`;
  });
  afterAll(() => stack.close());

  const stored = async () => ({
    messages: await stack.db.$count(messages, eq(messages.conversationId, conversationId)),
    attachments: await stack.db.$count(attachments, eq(attachments.accountId, account.account.id)),
    ...(await localStoreContents(store.root)),
  });
  const nothingStored = { messages: 0, attachments: 0, objects: [], incoming: [] };
  const asAgent = () => ({ api_access_token: account.agent.token });

  it('a file over 20 MiB sent without Content-Length: 413 naming attachments', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      [
        { name: 'content', value: 'too big' },
        { name: 'attachments[]', fileName: 'huge.png', type: 'image/png', chunks: () => pngOfSize(21 * mebibyte) },
      ],
      asAgent(),
    );
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'attachments' });
    expect(response.body.error.message).toContain('huge.png: files are limited to 20 MiB');
    expect(await stored()).toEqual(nothingStored);
  });

  it('the same over real HTTP: the 413 arrives while the client is still sending, and nothing is kept', async () => {
    const served = await serveOverHttp(stack);
    try {
      // The client sends 21 MiB, then holds the rest of the body until the answer arrives (or 30 s
      // pass): a server that answers only after the whole body can never pass, however loaded the machine.
      let answered!: () => void;
      const answer = new Promise<void>((resolve) => (answered = resolve));
      let sentAll = false;
      const { body, contentType } = multipartStream([
        {
          name: 'attachments[]',
          fileName: 'huge.png',
          type: 'image/png',
          async *chunks() {
            yield* pngOfSize(21 * mebibyte);
            await Promise.race([answer, delay(30_000, undefined, { ref: false })]);
            yield new Uint8Array(9 * mebibyte).fill(7);
            sentAll = true;
          },
        },
      ]);
      const response = await served.client.app.request(messagesPath, {
        method: 'POST',
        body,
        headers: { ...asAgent(), 'content-type': contentType },
        duplex: 'half',
      } as RequestInit);
      answered();
      expect(sentAll, 'the server answered only after the whole body').toBe(false);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'attachments' });
      expect(await stored()).toEqual(nothingStored);
    } finally {
      await served.close();
    }
  });

  it('files adding up past 40 MiB in one request: 413, and the files already stored are deleted', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      [1, 2, 3].map((n) => ({ name: 'attachments[]', fileName: `part-${n}.png`, type: 'image/png', chunks: () => pngOfSize(15 * mebibyte) })),
      asAgent(),
    );
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'attachments' });
    expect(response.body.error.message).toContain('40 MiB');
    expect(await stored()).toEqual(nothingStored);
  });

  it('a later file that is not what it claims: 422, and the earlier, valid file is deleted too', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      [
        { name: 'attachments[]', fileName: 'fine.png', type: 'image/png', chunks: () => pngOfSize(2 * mebibyte) },
        { name: 'attachments[]', fileName: 'evil.png', type: 'image/png', chunks: () => [new TextEncoder().encode('<svg onload=alert(1)>')] },
      ],
      asAgent(),
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ field: 'attachments' });
    expect(response.body.error.message).toContain('evil.png');
    expect(await stored()).toEqual(nothingStored);
  });

  it('a bad field after the files (message_type): 422 naming it, files deleted', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      [
        { name: 'attachments[]', fileName: 'fine.png', type: 'image/png', chunks: () => pngOfSize(1000) },
        { name: 'message_type', value: 'sideways' },
      ],
      asAgent(),
    );
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('message_type');
    expect(await stored()).toEqual(nothingStored);
  });

  it('a text field past what multipart fields may hold: 422 naming it, not silently cut', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      [
        { name: 'attachments[]', fileName: 'fine.png', type: 'image/png', chunks: () => pngOfSize(1000) },
        { name: 'content', value: 'x'.repeat(1024 * 1024 + 1) },
      ],
      asAgent(),
    );
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('content');
    expect(await stored()).toEqual(nothingStored);
  });

  it('more than 15 files: 422 naming attachments, nothing kept', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      Array.from({ length: 16 }, (_, n) => ({ name: 'attachments[]', fileName: `f${n}.png`, type: 'image/png', chunks: () => pngOfSize(100) })),
      asAgent(),
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ field: 'attachments' });
    expect(await stored()).toEqual(nothingStored);
  });

  it('an agent outside the inbox gets 404 and not a byte of their file is stored', async () => {
    const response = await postStreamed(
      stack,
      messagesPath,
      [{ name: 'attachments[]', fileName: 'sneaky.png', type: 'image/png', chunks: () => pngOfSize(3 * mebibyte) }],
      { api_access_token: account.outsider.token },
    );
    expect(response.status).toBe(404);
    expect(await stored()).toEqual(nothingStored);
  });

  it('a retried upload with the same echo_id stores one message with one file, and the retry leaves no orphan', async () => {
    const send = () =>
      postStreamed(
        stack,
        messagesPath,
        [
          { name: 'echo_id', value: `retry-${randomBytes(4).toString('hex')}-same` },
          { name: 'attachments[]', fileName: 'once.png', type: 'image/png', chunks: () => pngOfSize(5000) },
        ],
        asAgent(),
      );
    const echoId = `retry-${randomBytes(4).toString('hex')}`;
    const parts = (name: string) => [
      { name: 'echo_id', value: echoId },
      { name: 'attachments[]', fileName: name, type: 'image/png', chunks: () => pngOfSize(5000) },
    ];
    const first = await postStreamed(stack, messagesPath, parts('once.png'), asAgent());
    const retry = await postStreamed(stack, messagesPath, parts('once.png'), asAgent());
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const after = await stored();
    expect(after.attachments).toBe(1);
    expect(after.objects).toHaveLength(1);
  });
});
