import { lt, sql, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { rateLimitCounters } from '../schema/index.js';

/**
 * Counts one hit of `key` in the current fixed window (windows are aligned on the database clock, so
 * every API process agrees where one starts) in a single atomic upsert. Returns the count so far and
 * the seconds until the window ends.
 */
export async function countRateLimitHit(db: DatabaseOrTransaction, { key, windowMs }: { key: string; windowMs: number }) {
  const rows = await db.execute<{ count: number; seconds_left: string }>(sql`
    with window_bounds as (
      select to_timestamp(floor(extract(epoch from now()) * 1000 / ${windowMs}::bigint) * ${windowMs}::bigint / 1000.0) as start
    )
    insert into rate_limit_counters (key, window_start, count, expires_at)
    select ${key}, start, 1, start + ${windowMs}::bigint * interval '1 millisecond' from window_bounds
    on conflict (key, window_start) do update set count = rate_limit_counters.count + 1
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
