/**
 * `npm run chaos`: crash chaos with a bounded duration (scripts/lib/chaos.ts). Starts its own
 * embedded Postgres and Temporal dev server, runs two API processes and two workers under a mixed
 * load while SIGKILLing one every few seconds, waits for the work to drain, prints what it did and
 * what it checked, and exits 1 on any violation.
 *
 * Flags: --duration S (seconds of load, default 120); --kill-every S (default 5); --visitors N
 * (default 8); --ci (a bounded run: 45 s, a kill every 4 s).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../db/migrate.js';
import { formatChaosReport, runChaos } from './lib/chaos.js';
import { startEmbeddedPostgres } from './lib/embedded-postgres.js';
import { freePort, resolveTemporalCli, startTemporalDevServer } from './lib/temporal-cli.js';

const { values: flags } = parseArgs({
  options: { duration: { type: 'string' }, 'kill-every': { type: 'string' }, visitors: { type: 'string' }, ci: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (flags.help) {
  console.log('usage: npm run chaos -- [--duration 120] [--kill-every 5] [--visitors 8] [--ci]');
  process.exit(0);
}
function positive(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number (got ${raw})`);
    process.exit(2);
  }
  return value;
}
const durationSeconds = positive('duration', flags.duration, flags.ci ? 45 : 120);
const killEverySeconds = positive('kill-every', flags['kill-every'], flags.ci ? 4 : 5);
const visitors = Math.round(positive('visitors', flags.visitors, 8));

const started = performance.now();
const log = (line: string) => console.log(`[chaos ${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
const runDir = await mkdtemp(path.join(os.tmpdir(), 'parley-chaos-'));
let exitCode = 1;
const stops: Array<() => Promise<void>> = [];
try {
  log('starting embedded Postgres and a Temporal dev server…');
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(runDir, 'pg'), port: await freePort(), database: 'parley_chaos' });
  stops.push(postgres.stop);
  await migrateDatabase(postgres.url);
  const temporal = await startTemporalDevServer({ binary: await resolveTemporalCli(log), port: await freePort(), log: () => {} });
  stops.push(temporal.stop);
  const report = await runChaos({
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    taskQueue: `chaos-${randomUUID().slice(0, 8)}`,
    storageDir: path.join(runDir, 'uploads'),
    durationMs: durationSeconds * 1000,
    killEveryMs: killEverySeconds * 1000,
    visitors,
    log,
  });
  console.log(formatChaosReport(report));
  exitCode = report.ok ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await rm(runDir, { recursive: true, force: true });
}
process.exit(exitCode);
