import type { Sql } from 'postgres';

export type Deferred<T = void> = { promise: Promise<T>; resolve: (value: T) => void };

/** A promise the test resolves itself: the barrier one side waits on until the other says so. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Resolves once `condition` holds, checking it again and again until `timeoutMs`, then fails
 * naming what never happened. The check decides when the test moves on, never a fixed sleep.
 */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * How many Postgres backends wait on a lock (`wait_event_type = 'Lock'`) that `holderPid` holds,
 * directly or behind another waiter in the same queue. Other test files share this Postgres, so
 * only waiters chained to the test's own holder count.
 */
export async function backendsWaitingBehind(sql: Sql, holderPid: number): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`
    with recursive waiting as (
      select pid from pg_stat_activity where wait_event_type = 'Lock' and ${holderPid}::int = any(pg_blocking_pids(pid))
      union
      select activity.pid from pg_stat_activity activity join waiting on waiting.pid = any(pg_blocking_pids(activity.pid))
      where activity.wait_event_type = 'Lock'
    )
    select count(*)::int as n from waiting`;
  return n;
}
