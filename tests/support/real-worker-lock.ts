import postgres from 'postgres';
import { inject } from 'vitest';

let held: Promise<void> | undefined;

/**
 * A real worker process (activities/worker.ts) runs the outbox sweepers, which serve every account
 * in the run's one database and start workflows on their own task queue. Two test files with such
 * processes at once would take each other's rows onto a queue nobody serves, so each holds this
 * Postgres advisory lock from its first hook until its test process ends (the lock lives with the
 * connection). Call it in `beforeAll`, with a timeout that allows for waiting on another file.
 */
export function holdRealWorkerLock(): Promise<void> {
  held ??= (async () => {
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    await sql`select pg_advisory_lock(hashtext('parley-tests:real-worker-processes'))`;
  })();
  return held;
}

/** The wait a file may spend behind others holding the lock, plus its own start. */
export const realWorkerLockTimeoutMs = 600_000;
