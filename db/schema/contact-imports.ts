import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';

export const contactImportStatuses = ['queued', 'processing', 'completed', 'failed'] as const;
export type ContactImportStatus = (typeof contactImportStatuses)[number];

/**
 * One uploaded CSV of contacts and its progress. The file stays in the blob store under
 * `storageKey`; `contact-import-<id>` works through it in batches of rows, each batch starting at a
 * byte offset the preparing pass recorded, so no batch re-reads the rows before it.
 */
export const contactImports = pgTable(
  'contact_imports',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    byteSize: integer('byte_size').notNull(),
    status: text('status', { enum: contactImportStatuses }).notNull().default('queued'),
    /** The header row's column names, as written in the file (trimmed). */
    columns: text('columns').array().notNull(),
    /** Set by the preparing pass: data rows in the file, and where each batch's first row begins. */
    totalRows: integer('total_rows'),
    batchByteOffsets: integer('batch_byte_offsets').array(),
    /** Each batch's first record index (0 = the header), so row numbers stay the file's own across batches. */
    batchFirstRecords: integer('batch_first_records').array(),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    /** Why the whole import failed (an unreadable file); per-row problems are contact_import_errors. */
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [index('contact_imports_account_idx').on(table.accountId, table.id)],
);

/** A batch written, with what it did: its key makes a retried batch activity a no-op. */
export const contactImportBatches = pgTable(
  'contact_import_batches',
  {
    importId: integer('import_id').notNull().references(() => contactImports.id, { onDelete: 'cascade' }),
    batchIndex: integer('batch_index').notNull(),
    rowOffset: integer('row_offset').notNull(),
    rows: integer('rows').notNull(),
    createdCount: integer('created_count').notNull(),
    updatedCount: integer('updated_count').notNull(),
    failedCount: integer('failed_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.batchIndex] })],
);

/** One problem with one row: the row's number in the file (the header is row 1), the column and why. */
export const contactImportErrors = pgTable(
  'contact_import_errors',
  {
    id: serial('id').primaryKey(),
    importId: integer('import_id').notNull().references(() => contactImports.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    column: text('column').notNull(),
    reason: text('reason').notNull(),
  },
  (table) => [index('contact_import_errors_import_idx').on(table.importId, table.rowNumber)],
);
