import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { inboxes } from './inboxes.js';

/** What Chatwoot keeps under contact.additional_attributes: location, company, browser facts. */
export type ContactAdditionalAttributes = {
  city?: string;
  country?: string;
  countryCode?: string;
  companyName?: string;
  description?: string;
  browserLanguage?: string;
  referer?: string;
  [key: string]: unknown;
};

export const contacts = pgTable(
  'contacts',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    email: text('email'),
    phoneNumber: text('phone_number'),
    identifier: text('identifier'),
    additionalAttributes: jsonb('additional_attributes').$type<ContactAdditionalAttributes>().notNull().default({}),
    customAttributes: jsonb('custom_attributes').$type<Record<string, unknown>>().notNull().default({}),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('contacts_account_email_unique').on(table.accountId, sql`lower(${table.email})`).where(sql`email is not null`),
    uniqueIndex('contacts_account_identifier_unique').on(table.accountId, table.identifier).where(sql`identifier is not null`),
    uniqueIndex('contacts_account_phone_unique').on(table.accountId, table.phoneNumber).where(sql`phone_number is not null`),
    // Serves the contacts list, newest first.
    index('contacts_account_created_idx').on(table.accountId, table.id),
  ],
);

export const contactInboxes = pgTable(
  'contact_inboxes',
  {
    id: serial('id').primaryKey(),
    contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    // The contact's address in this inbox: the widget's contact_identifier, an email address, an API source id.
    sourceId: text('source_id').notNull(),
    // The visitor proved the contact's identifier with the inbox's HMAC, so they may edit the contact.
    hmacVerified: boolean('hmac_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('contact_inboxes_inbox_source_unique').on(table.inboxId, table.sourceId),
    index('contact_inboxes_contact_idx').on(table.contactId),
  ],
);
