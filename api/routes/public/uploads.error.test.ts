import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBlobStore } from '../../../core/storage/local.js';
import { attachments } from '../../../db/schema/index.js';
import { localStoreContents, pngOfSize, postStreamed } from '../../../tests/support/multipart.js';
import { createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { startVisitor, type Visitor } from '../../../tests/support/visitor.js';

const mebibyte = 1024 * 1024;

describe('public uploads are held to daily quotas per contact and per inbox', () => {
  let stack: TestStack;
  let account: TestAccount;
  let store: LocalBlobStore;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, publicUploadQuotas: { contactBytesPerDay: 3 * mebibyte, inboxBytesPerDay: 5 * mebibyte } });
    store = stack.deps.storage as LocalBlobStore;
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  const visitorWithConversation = async (address: string) => {
    const visitor = await startVisitor(stack, account, address);
    const id = await visitor.startConversation();
    return { visitor, messagesPath: `${visitor.contactPath}/conversations/${id}/messages` };
  };
  const upload = (visitor: { visitor: Visitor; messagesPath: string }, bytes: number, address: string) =>
    postStreamed(stack, visitor.messagesPath, [{ name: 'attachments[]', fileName: 'photo.png', type: 'image/png', chunks: () => pngOfSize(bytes) }], { 'x-forwarded-for': address });
  const stored = async () => ({
    attachments: await stack.db.$count(attachments, eq(attachments.accountId, account.account.id)),
    objects: (await localStoreContents(store.root)).objects.length,
  });

  it('refuses what would pass the contact’s quota with 429 naming attachments, keeps nothing of it, and allows the rest', async () => {
    const ana = await visitorWithConversation('10.9.0.1');
    expect((await upload(ana, 2 * mebibyte, '10.9.0.1')).status).toBe(200);
    const before = await stored();

    const over = await upload(ana, 2 * mebibyte, '10.9.0.1');
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 'RATE_LIMITED', field: 'attachments' });
    expect(over.body.error.message).toContain('3 MiB of files a day');
    expect(over.headers.get('retry-after')).toBeTruthy();
    expect(await stored()).toEqual(before);

    expect((await upload(ana, mebibyte / 2, '10.9.0.1')).status).toBe(200);
    // Text still goes through once the quota is spent; only files are held back.
    const text = await ana.visitor.client.post(ana.messagesPath, { content: 'no more files, just words' });
    expect(text.status).toBe(200);
  });

  it('refuses files past the inbox’s quota even from a contact with quota left', async () => {
    // The inbox has taken 2.5 MiB from the test above; 5 MiB a day in all.
    const ben = await visitorWithConversation('10.9.0.2');
    expect((await upload(ben, 2 * mebibyte, '10.9.0.2')).status).toBe(200);
    const cleo = await visitorWithConversation('10.9.0.3');
    const before = await stored();
    const over = await upload(cleo, mebibyte, '10.9.0.3');
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 'RATE_LIMITED', field: 'attachments' });
    expect(over.body.error.message).toContain('this inbox');
    expect(await stored()).toEqual(before);
  });

  it('counts only the last day: older uploads no longer hold a contact back', async () => {
    await stack.db
      .update(attachments)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(attachments.accountId, account.account.id));
    const dora = await visitorWithConversation('10.9.0.4');
    expect((await upload(dora, 2 * mebibyte, '10.9.0.4')).status).toBe(200);
  });
});
