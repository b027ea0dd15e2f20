import type { Client } from '@temporalio/client';
import { z } from '@hono/zod-openapi';
import type { Database } from '../../../db/client.js';
import {
  addContactImportProgress,
  claimContactImportBatch,
  contactImportErrorsAfter,
  contactsHoldingKeys,
  findContactImport,
  findContactImportBatch,
  insertContactImport,
  insertContactImportErrors,
  insertImportedContacts,
  listContactImports,
  markContactImportCompleted,
  markContactImportFailed,
  recordContactImportBatchCounts,
  recordContactImportPlan,
  updateImportedContacts,
  contactsWithIds,
  type ContactImportRow,
  type ImportedContactValues,
} from '../../../db/queries/contact-imports.js';
import {
  contactImportBatchRows,
  contactImportStandardColumns,
  matchKeysOf,
  maxContactImportRows,
  planImportColumns,
  readImportRow,
  type ImportedContact,
  type ImportRowError,
} from '../../domain/contact-import.js';
import { CsvParser, csvLine, parseCsv } from '../../domain/csv.js';
import type { ServiceContext } from '../../context.js';
import { invalid, notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import type { BlobStore } from '../../storage/index.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { customAttributeDefinitions } from '../custom-attributes/definitions.js';
import type { StoredUpload, UploadPolicy } from '../attachments/receive.js';
import { checkCsvUpload } from '../../domain/uploads.js';
import { assertCanManageContacts } from './show.js';
import { contactWebhookAttributeNames } from './update.js';
import { accountSubscribesTo } from '../../../db/queries/webhooks.js';
import { captureWebhookEvents, changedAttributes, type CapturedChange } from '../webhooks/capture.js';
import { contactImportWorkflowId, contactImportWorkflowType, type ContactImportInput } from '../../../workflows/contact-import/definitions.js';

/** Where uploaded import files live in the blob store (apart from attachments, whose sweep would take them). */
export const contactImportKeyPrefix = 'contact-imports';
/** How an import's upload is received: a CSV (by content), stored apart from attachments (whose orphan sweep would take it), errors naming `import_file`. */
export const contactImportUploadPolicy: UploadPolicy = { keyPrefix: contactImportKeyPrefix, field: 'import_file', check: checkCsvUpload };
/** A header longer than this is not a header. */
const maxHeaderBytes = 64 * 1024;

export const contactImportSchema = z
  .object({
    id: z.number().int(),
    file_name: z.string(),
    status: z.enum(['queued', 'processing', 'completed', 'failed']),
    total_rows: z.number().int().nullable().openapi({ description: 'Data rows in the file; null until the file has been counted' }),
    processed_rows: z.number().int(),
    created_count: z.number().int(),
    updated_count: z.number().int(),
    failed_count: z.number().int(),
    failure_reason: z.string().nullable(),
    created_at: z.number().int().nullable(),
    completed_at: z.number().int().nullable(),
  })
  .openapi('ContactImport');

export type ContactImportJson = z.infer<typeof contactImportSchema>;

export function serializeContactImport(row: ContactImportRow): ContactImportJson {
  return {
    id: row.id,
    file_name: row.fileName,
    status: row.status,
    total_rows: row.totalRows,
    processed_rows: row.processedRows,
    created_count: row.createdCount,
    updated_count: row.updatedCount,
    failed_count: row.failedCount,
    failure_reason: row.failureReason,
    created_at: unixSeconds(row.createdAt),
    completed_at: unixSeconds(row.completedAt),
  };
}

/** The template to fill in: the standard columns, then the account's contact custom attributes by key, and one example row. */
export async function contactImportTemplate(ctx: ServiceContext): Promise<string> {
  assertCanManageContacts(ctx);
  const rules = await customAttributeDefinitions(ctx.db, ctx.actor.accountId, 'contact_attribute');
  const example: Record<string, string> = { name: 'Maria Souza', email: 'maria@example.com', phone_number: '+5511987654321', identifier: 'crm-1001', city: 'São Paulo', country: 'Brazil', company_name: 'Acme' };
  const header = [...contactImportStandardColumns, ...rules.map((rule) => rule.attribute_key)];
  return csvLine(header) + csvLine(header.map((column) => example[column] ?? ''));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The file's header row (its first non-blank record), read from the first bytes only. */
async function readHeader(store: BlobStore, upload: Pick<StoredUpload, 'storageKey' | 'byteSize'>): Promise<string[] | string> {
  const head = await readAll(await store.read(upload.storageKey, { start: 0, end: Math.min(upload.byteSize, maxHeaderBytes) - 1 }));
  const parser = new CsvParser();
  const records = parser.push(head);
  if (records.length === 0 && upload.byteSize <= maxHeaderBytes) records.push(...parser.end());
  if (records.length === 0) return upload.byteSize > maxHeaderBytes ? 'The header row is too long' : 'The file has no header row';
  return records[0].fields.map((field) => field.trim());
}

/**
 * Accepts an uploaded CSV (already stored): its header must name known columns, else 422 naming
 * `import_file` and the file is dropped. Then the import row and its workflow `contact-import-<id>`.
 */
export async function startContactImport(ctx: ServiceContext, upload: StoredUpload): Promise<ContactImportJson> {
  assertCanManageContacts(ctx);
  const header = await readHeader(ctx.storage, upload);
  const rules = await customAttributeDefinitions(ctx.db, ctx.actor.accountId, 'contact_attribute');
  const plan = typeof header === 'string' ? { ok: false as const, reason: header } : planImportColumns(header, rules);
  if (!plan.ok) {
    await ctx.storage.delete(upload.storageKey);
    throw invalid('import_file', plan.reason);
  }
  const row = await insertContactImport(ctx.db, {
    accountId: ctx.actor.accountId,
    createdById: ctx.actor.userId,
    fileName: upload.fileName,
    storageKey: upload.storageKey,
    byteSize: upload.byteSize,
    columns: header as string[],
  });
  try {
    await startContactImportWorkflow(ctx.temporal, ctx.config.taskQueue, row.id);
  } catch (error) {
    // Nothing will work through it: say so on the row rather than leave it queued forever.
    await markContactImportFailed(ctx.db, row.id, 'The import could not be started; upload the file again');
    await ctx.storage.delete(upload.storageKey);
    throw error;
  }
  return serializeContactImport(row);
}

export async function startContactImportWorkflow(temporal: Client, taskQueue: string, importId: number) {
  const input: ContactImportInput = { importId };
  await temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
    temporal.workflow.start(contactImportWorkflowType, { workflowId: contactImportWorkflowId(importId), taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' }),
  );
}

async function accountImport(ctx: ServiceContext, id: number) {
  assertCanManageContacts(ctx);
  const row = await findContactImport(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!row) throw notFound('Contact import');
  return row;
}

export async function showContactImport(ctx: ServiceContext, id: number): Promise<ContactImportJson> {
  return serializeContactImport(await accountImport(ctx, id));
}

/** The account's latest imports, newest first. */
export async function listAccountContactImports(ctx: ServiceContext): Promise<ContactImportJson[]> {
  assertCanManageContacts(ctx);
  return (await listContactImports(ctx.db, ctx.actor.accountId, 20)).map(serializeContactImport);
}

/** The per-row error report as CSV lines (row, column, reason), read from Postgres page by page. */
export async function contactImportErrorReport(ctx: ServiceContext, id: number): Promise<{ fileName: string; lines: AsyncIterable<string> }> {
  const row = await accountImport(ctx, id);
  const db = ctx.db;
  async function* lines() {
    yield csvLine(['row', 'column', 'reason']);
    let after = 0;
    for (;;) {
      const page = await contactImportErrorsAfter(db, id, after, 1000);
      for (const error of page) yield csvLine([error.rowNumber, error.column, error.reason]);
      if (page.length < 1000) return;
      after = page[page.length - 1].id;
    }
  }
  return { fileName: `${row.fileName.replace(/\.csv$/i, '')}-errors.csv`, lines: lines() };
}

// ——— The workflow's activities ———

export type ContactImportDeps = {
  db: Database;
  storage: BlobStore;
  /** Hands captured webhook events to delivery once the batch committed (the worker's sweeper covers a crash). */
  drainWebhookEvents?: (outboxIds: number[]) => void;
};

/**
 * Reads the file once: counts its data rows and records where each batch of 500 begins (byte offset
 * and record index). Kept on the row, so a retried or continued run reads nothing again.
 */
export async function prepareContactImport(deps: ContactImportDeps, importId: number): Promise<{ batchCount: number } | { failed: string }> {
  const row = await findContactImport(deps.db, { id: importId });
  if (!row) return { failed: 'The import was deleted' };
  if (row.status === 'failed') return { failed: row.failureReason ?? 'The import failed' };
  if (row.totalRows !== null) return { batchCount: row.batchByteOffsets?.length ?? 0 };
  const parser = new CsvParser();
  let headerSeen = false;
  let rows = 0;
  const batchByteOffsets: number[] = [];
  const batchFirstRecords: number[] = [];
  const take = (records: { index: number; startByte: number }[]) => {
    for (const record of records) {
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      if (rows % contactImportBatchRows === 0) {
        batchByteOffsets.push(record.startByte);
        batchFirstRecords.push(record.index);
      }
      rows += 1;
    }
  };
  let failure: string | undefined;
  try {
    for await (const chunk of await deps.storage.read(row.storageKey)) {
      take(parser.push(chunk as Buffer));
      if (rows > maxContactImportRows) {
        failure = `The file holds more than ${maxContactImportRows.toLocaleString('en')} rows; split it`;
        break;
      }
    }
    if (!failure) {
      if (parser.unterminatedQuote) failure = 'A quoted value is never closed: the file ends inside it';
      else take(parser.end());
    }
  } catch (error) {
    failure = `The uploaded file could not be read: ${(error as Error).message}`;
  }
  if (failure) {
    await markContactImportFailed(deps.db, importId, failure);
    await deps.storage.delete(row.storageKey);
    return { failed: failure };
  }
  const planned = await recordContactImportPlan(deps.db, importId, { totalRows: rows, batchByteOffsets, batchFirstRecords });
  return { batchCount: planned?.batchByteOffsets?.length ?? 0 };
}

type Pending = { values: ImportedContactValues };

function mergeInto(target: ImportedContactValues, contact: ImportedContact) {
  if (contact.name !== undefined) target.name = contact.name;
  if (contact.email !== undefined) target.email = contact.email;
  if (contact.phoneNumber !== undefined) target.phoneNumber = contact.phoneNumber;
  if (contact.identifier !== undefined) target.identifier = contact.identifier;
  Object.assign(target.additionalAttributes, contact.additionalAttributes);
  Object.assign(target.customAttributes, contact.customAttributes);
}

const valuesOf = (contact: ImportedContact): ImportedContactValues => {
  const values: ImportedContactValues = { additionalAttributes: {}, customAttributes: {} };
  mergeInto(values, contact);
  return values;
};

/**
 * Writes one batch in one transaction, claimed under (import, batch) first: a retry after a crash
 * either finds the batch committed (and reports its figures) or finds nothing of it. Rows matching
 * an existing contact by e-mail, identifier or phone update it; a row whose keys belong to two
 * different contacts is refused rather than guessed.
 */
export async function importContactBatch(deps: ContactImportDeps, input: { importId: number; batchIndex: number }): Promise<{ created: number; updated: number; failed: number }> {
  const { counts, outboxIds } = await writeContactBatch(deps, input);
  if (outboxIds.length) deps.drainWebhookEvents?.(outboxIds);
  return counts;
}

async function writeContactBatch(deps: ContactImportDeps, input: { importId: number; batchIndex: number }): Promise<{ counts: { created: number; updated: number; failed: number }; outboxIds: number[] }> {
  const done = await findContactImportBatch(deps.db, input.importId, input.batchIndex);
  if (done) return { counts: { created: done.createdCount, updated: done.updatedCount, failed: done.failedCount }, outboxIds: [] };
  const row = await findContactImport(deps.db, { id: input.importId });
  if (!row || !row.batchByteOffsets || !row.batchFirstRecords) throw new Error(`Contact import ${input.importId} is not prepared`);
  const start = row.batchByteOffsets[input.batchIndex];
  const end = row.batchByteOffsets[input.batchIndex + 1] ?? row.byteSize;
  const bytes = end > start ? await readAll(await deps.storage.read(row.storageKey, { start, end: end - 1 })) : Buffer.alloc(0);
  const records = parseCsv(bytes, { firstIndex: row.batchFirstRecords[input.batchIndex], byteOffset: start });

  const rules = await customAttributeDefinitions(deps.db, row.accountId, 'contact_attribute');
  const plan = planImportColumns(row.columns, rules);
  const errors: ImportRowError[] = [];
  const good: ImportedContact[] = [];
  for (const record of records) {
    // A custom attribute deleted since the upload makes its column unknown: every row says so.
    if (!plan.ok) errors.push({ rowNumber: record.index + 1, column: '', reason: plan.reason });
    else {
      const read = readImportRow(record, plan.columns);
      if (read.ok) good.push(read.contact);
      else errors.push(...read.errors);
    }
  }

  return deps.db.transaction(async (tx) => {
    const claimed = await claimContactImportBatch(tx, { importId: row.id, batchIndex: input.batchIndex, rowOffset: row.batchFirstRecords![input.batchIndex], rows: records.length });
    if (!claimed) {
      const committed = (await findContactImportBatch(tx, row.id, input.batchIndex))!;
      return { counts: { created: committed.createdCount, updated: committed.updatedCount, failed: committed.failedCount }, outboxIds: [] };
    }
    const existing = await contactsHoldingKeys(tx, row.accountId, {
      emails: good.flatMap((contact) => (contact.email ? [contact.email] : [])),
      phones: good.flatMap((contact) => (contact.phoneNumber ? [contact.phoneNumber] : [])),
      identifiers: good.flatMap((contact) => (contact.identifier ? [contact.identifier] : [])),
    });
    // Who holds each key: an existing contact ("c<id>") or one this batch creates ("n<index>").
    const owners = new Map<string, string>();
    for (const contact of existing) {
      for (const { key } of matchKeysOf({ email: contact.email?.toLowerCase() ?? undefined, phoneNumber: contact.phoneNumber ?? undefined, identifier: contact.identifier ?? undefined })) owners.set(key, `c${contact.id}`);
    }
    const created: Pending[] = [];
    const updates = new Map<number, Pending>();
    let updatedRows = 0;
    const failedRows = new Set(errors.map((error) => error.rowNumber));
    for (const contact of good) {
      const keys = matchKeysOf(contact);
      const matched = keys.filter(({ key }) => owners.has(key));
      const owner = matched.length ? owners.get(matched[0].key)! : undefined;
      const clash = matched.find(({ key }) => owners.get(key) !== owner);
      if (clash) {
        errors.push({ rowNumber: contact.rowNumber, column: clash.column, reason: `This ${clash.column.replace('_', ' ')} belongs to another contact than the row's ${matched[0].column.replace('_', ' ')}` });
        failedRows.add(contact.rowNumber);
        continue;
      }
      if (owner === undefined) {
        created.push({ values: valuesOf(contact) });
        for (const { key } of keys) owners.set(key, `n${created.length - 1}`);
        continue;
      }
      updatedRows += 1;
      if (owner.startsWith('n')) mergeInto(created[Number(owner.slice(1))].values, contact);
      else {
        const id = Number(owner.slice(1));
        const pending = updates.get(id);
        if (pending) mergeInto(pending.values, contact);
        else updates.set(id, { values: valuesOf(contact) });
      }
      for (const { key } of keys) owners.set(key, owner);
    }
    // Webhooks as the API's create and update send them, captured with the rows; asked once per batch, not per row.
    const announceCreated = created.length > 0 && (await accountSubscribesTo(tx, row.accountId, 'contact_created'));
    const announceUpdated = updates.size > 0 && (await accountSubscribesTo(tx, row.accountId, 'contact_updated'));
    const before = announceUpdated ? await contactsWithIds(tx, row.accountId, [...updates.keys()]) : [];
    const createdIds = await insertImportedContacts(tx, row.accountId, created.map((pending) => pending.values));
    await updateImportedContacts(tx, row.accountId, [...updates].map(([id, pending]) => ({ id, ...pending.values })));
    const events: CapturedChange[] = announceCreated ? createdIds.map((contactId) => ({ event: 'contact_created', subject: { contactId } })) : [];
    if (announceUpdated) {
      const after = new Map((await contactsWithIds(tx, row.accountId, [...updates.keys()])).map((contact) => [contact.id, contact]));
      for (const old of before) {
        const changes = changedAttributes(old, after.get(old.id)!, contactWebhookAttributeNames);
        if (Object.keys(changes).length) events.push({ event: 'contact_updated', subject: { contactId: old.id, changedAttributes: changes } });
      }
    }
    const outboxIds = await captureWebhookEvents(tx, row.accountId, events);
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    await insertContactImportErrors(tx, row.id, errors);
    const counts = { created: created.length, updated: updatedRows, failed: failedRows.size };
    await recordContactImportBatchCounts(tx, row.id, input.batchIndex, counts);
    await addContactImportProgress(tx, row.id, { rows: records.length, ...counts });
    return { counts, outboxIds };
  });
}

/** Marks the import completed and drops its file (the error report lives in Postgres). */
export async function finishContactImport(deps: ContactImportDeps, importId: number) {
  const row = await findContactImport(deps.db, { id: importId });
  if (!row) return;
  await markContactImportCompleted(deps.db, importId);
  await deps.storage.delete(row.storageKey);
}
