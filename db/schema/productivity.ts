import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/** Canned responses: shared by the account, inserted in the composer by typing `/` and the short code. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    shortCode: text('short_code').notNull(),
    // Markdown with SPEC 4.10's {{variables}}, filled when the response is inserted.
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('canned_responses_account_short_code_unique').on(table.accountId, table.shortCode)],
);

/** Stored values of conversations and contacts live in their `custom_attributes`; these say what they mean. */
export const customAttributeDefinitions = pgTable(
  'custom_attribute_definitions',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    attributeModel: text('attribute_model', { enum: ['contact_attribute', 'conversation_attribute'] }).notNull(),
    attributeKey: text('attribute_key').notNull(),
    displayName: text('attribute_display_name').notNull(),
    displayType: text('attribute_display_type', { enum: ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'] }).notNull(),
    description: text('attribute_description'),
    // The choices of a list attribute; empty for the other types.
    values: jsonb('attribute_values').$type<string[]>().notNull().default([]),
    regexPattern: text('regex_pattern'),
    regexCue: text('regex_cue'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Also serves "this account's definitions": account_id leads it.
  (table) => [uniqueIndex('custom_attribute_definitions_account_model_key_unique').on(table.accountId, table.attributeModel, table.attributeKey)],
);
