import { lt, sql, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { rateLimitCounters } from '../schema/index.js';

/**
 * Counts one hit of `key` in one atomic upsert: the first hit (or the first after the window ended)
 * opens a window of `windowMs` on the database clock, so every API process agrees; later hits in it
 * add one. Returns the count so far and the seconds until the window ends.
 */
export async function countRateLimitHit(db: DatabaseOrTransaction, { key, windowMs }: { key: string; windowMs: number }) {
  const rows = await db.execute(sql`
    insert into rate_limit_counters (key, window_start, count, expires_at)
    values (${key}, now(), 1, now() + ${windowMs}::bigint * interval '1 millisecond')
    on conflict (key) do update set
      count = case when rate_limit_counters.expires_at <= now() then 1 else rate_limit_counters.count + 1 end,
      window_start = case when rate_limit_counters.expires_at <= now() then excluded.window_start else rate_limit_counters.window_start end,
      expires_at = case when rate_limit_counters.expires_at <= now() then excluded.expires_at else rate_limit_counters.expires_at end
    returning count, extract(epoch from expires_at - now()) as seconds_left`);
  const [row] = rows as unknown as Array<{ count: number; seconds_left: string }>;
  return { count: Number(row.count), secondsLeft: Math.max(1, Math.ceil(Number(row.seconds_left))) };
}

/** Forgets a key's counts, e.g. after a successful sign-in. */
export async function clearRateLimitKey(db: DatabaseOrTransaction, key: string) {
  await db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
}

/** Drops windows that have ended. */
export async function deleteExpiredRateLimitCounters(db: DatabaseOrTransaction) {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, sql`now()`));
}
