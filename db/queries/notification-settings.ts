import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { notificationSettings } from '../schema/index.js';

/** The stored preferences of these users in the account (users with no row are absent). */
export async function loadStoredPreferences(db: DatabaseOrTransaction, { accountId, userIds }: { accountId: number; userIds: number[] }) {
  if (userIds.length === 0) return new Map<number, Record<string, Record<string, boolean>>>();
  const rows = await db
    .select({ userId: notificationSettings.userId, preferences: notificationSettings.preferences })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.accountId, accountId), inArray(notificationSettings.userId, userIds)));
  return new Map(rows.map((row) => [row.userId, row.preferences]));
}

export async function saveStoredPreferences(db: DatabaseOrTransaction, { accountId, userId, preferences }: { accountId: number; userId: number; preferences: Record<string, Record<string, boolean>> }) {
  await db
    .insert(notificationSettings)
    .values({ accountId, userId, preferences })
    .onConflictDoUpdate({ target: [notificationSettings.accountId, notificationSettings.userId], set: { preferences, updatedAt: sql`now()` } });
}
