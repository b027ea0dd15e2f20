import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { attachmentBlobs, attachments } from '../schema/index.js';

/** Bytes the public API accepted in files over the last day, for one contact and for its whole inbox. */
export async function publicUploadBytesLastDay(db: DatabaseOrTransaction, scope: { inboxId: number; contactId: number }) {
  const [row] = await db
    .select({
      contactBytes: sql<string>`coalesce(sum(${attachments.byteSize}) filter (where ${attachments.uploadedByContactId} = ${scope.contactId}), 0)`,
      inboxBytes: sql<string>`coalesce(sum(${attachments.byteSize}), 0)`,
    })
    .from(attachments)
    .where(and(eq(attachments.inboxId, scope.inboxId), isNotNull(attachments.uploadedByContactId), gt(attachments.createdAt, sql`now() - interval '1 day'`)));
  return { contactBytes: Number(row.contactBytes), inboxBytes: Number(row.inboxBytes) };
}

/**
 * An attachment by id and access key, with its legacy body when it has not been moved to the blob
 * store yet. One statement, so a move committing meanwhile is seen either wholly or not at all.
 */
export async function findAttachmentForDownload(db: DatabaseOrTransaction, input: { id: number; accessKey: string }) {
  const [row] = await db
    .select({
      contentType: attachments.contentType,
      fileName: attachments.fileName,
      fileType: attachments.fileType,
      byteSize: attachments.byteSize,
      storageKey: attachments.storageKey,
      legacyData: attachmentBlobs.data,
    })
    .from(attachments)
    .leftJoin(attachmentBlobs, eq(attachmentBlobs.attachmentId, attachments.id))
    .where(and(eq(attachments.id, input.id), eq(attachments.accessKey, input.accessKey)));
  return row;
}

/** Takes one legacy body no other process is moving (row lock, skip locked); call inside a transaction. */
export async function claimLegacyBlob(tx: DatabaseOrTransaction) {
  const rows = await tx.execute<{ attachment_id: number; data: Buffer }>(sql`
    select b.attachment_id, b.data from attachment_blobs b
    join attachments a on a.id = b.attachment_id
    where a.storage_key is null
    limit 1
    for update of b skip locked`);
  return rows[0] ? { attachmentId: rows[0].attachment_id, data: rows[0].data } : undefined;
}

/** Points the attachment at its moved body and drops the legacy copy. */
export async function finishLegacyBlobMove(tx: DatabaseOrTransaction, input: { attachmentId: number; storageKey: string }) {
  await tx.update(attachments).set({ storageKey: input.storageKey }).where(eq(attachments.id, input.attachmentId));
  await tx.delete(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, input.attachmentId));
}

/** Which of these storage keys an attachment row points at. Keys never hold commas (core/storage), so they travel as one parameter. */
export async function storageKeysInUse(db: DatabaseOrTransaction, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(sql`${attachments.storageKey} = any(string_to_array(${keys.join(',')}, ','))`);
  return new Set(rows.map((row) => row.key!));
}
