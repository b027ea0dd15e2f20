/**
 * A short `npm run chaos` (scripts/lib/chaos.ts) on a Postgres of its own: two API processes and
 * two workers under load, one SIGKILLed every few seconds, and every invariant checked afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate.js';
import { formatChaosReport, runChaos } from '../../scripts/lib/chaos.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';

describe('crash chaos, shortened', () => {
  let dataRoot: string;
  let postgres: RunningPostgres;

  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'parley-chaos-test-'));
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), port: await freePort(), database: 'parley' });
    await migrateDatabase(postgres.url);
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop().catch(() => {});
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('loses and doubles nothing while API processes and workers are killed under load', { timeout: 420_000 }, async () => {
    const report = await runChaos({
      databaseUrl: postgres.url,
      temporalAddress: inject('temporalAddress'),
      taskQueue: `chaos-test-${randomUUID().slice(0, 8)}`,
      storageDir: path.join(dataRoot, 'uploads'),
      durationMs: 25_000,
      killEveryMs: 4_000,
      visitors: 4,
    });
    const summary = formatChaosReport(report);
    // Both roles were killed, and work was accepted around the kills: the checks below are not vacuous.
    expect(report.kills.api, summary).toBeGreaterThanOrEqual(1);
    expect(report.kills.worker, summary).toBeGreaterThanOrEqual(1);
    expect(report.actions['visitor message']?.['200'] ?? 0, summary).toBeGreaterThan(10);
    expect(report.checks.find((check) => check.name.startsWith('webhook'))?.checked ?? 0, summary).toBeGreaterThan(10);
    expect(report.checks.filter((check) => check.violations.length > 0).map((check) => `${check.name}: ${check.violations.slice(0, 5).join('; ')}`), summary).toEqual([]);
  });
});
