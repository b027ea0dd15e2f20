import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-window request counters shared by every API process: one row per limited key (e.g.
 * `sign-in:address:203.0.113.9`), its window opened by the key's first hit (so a burst is never
 * split by a clock-aligned boundary). Rows past `expires_at` are swept away.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limit_counters_expires_at').on(table.expiresAt)],
);
