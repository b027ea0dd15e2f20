/**
 * `npm run bench -- --scenario contact-import` — a 50,000-row contacts CSV imported through the real
 * API and a real worker process (the contact-import workflow, 500-row batches), against a raw
 * `COPY contacts … from stdin` of the same rows through the same driver in the same run. Prints
 * rows/s for both, the ratio (goal ≥ 0.2× COPY), the worker process's RSS at the start, middle and
 * end of the import, and the contacts list's latency for another user before and during the import
 * (the import must not slow the API for others).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { addUserToAccount, createAccount, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import type { DatabaseConnection } from '../../db/client.js';
import { projectRoot } from '../lib/paths.js';

export type ContactImportScenarioContext = {
  pgUrl: string;
  apiUrl: string;
  temporalAddress: string;
  taskQueue: string;
  storageDir: string;
  connection: DatabaseConnection;
  progress: (line: string) => void;
  percentile: (sorted: number[], p: number) => number;
  onCleanup: (name: string, run: () => Promise<void>) => void;
};

export type ContactImportScenarioOptions = { rows: number };
export const contactImportScenarioDefaults: ContactImportScenarioOptions = { rows: 50_000 };

const GOAL_RATIO = 0.2;
const cities = ['São Paulo', 'Recife', 'Curitiba', 'Lisboa', 'Porto'];

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

export async function runContactImportScenario(ctx: ContactImportScenarioContext, options: ContactImportScenarioOptions): Promise<number> {
  const { progress } = ctx;
  const { db } = ctx.connection;
  const N = options.rows;
  const importAccount = await createAccount(db, { name: 'Bench Import Inc' });
  const admin = await addUserToAccount(db, { accountId: importAccount.id, name: 'Import Admin', email: 'import-admin@parley.local', password: 'bench-password-123', role: 'administrator' });
  const token = await issueAccessToken(db, admin.id);
  const copyAccount = await createAccount(db, { name: 'Bench Copy Inc' });
  // Another team, reading its contacts list while the import runs.
  const other = await createAccount(db, { name: 'Bench Bystander Inc' });
  const bystander = await addUserToAccount(db, { accountId: other.id, name: 'Bystander', email: 'bystander@parley.local', password: 'bench-password-123', role: 'administrator' });
  const bystanderToken = await issueAccessToken(db, bystander.id);

  const row = (n: number) => [`Person ${n}`, `person${n}@import.test`, `+55119${String(n).padStart(8, '0')}`, `crm-${n}`, cities[n % cities.length], `Company ${n % 100}`];
  const csv = ['name,email,phone_number,identifier,city,company_name', ...Array.from({ length: N }, (_, n) => row(n + 1).join(','))].join('\n') + '\n';
  progress(`contact-import: ${N} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MiB of CSV`);

  // --- baseline: COPY of the same rows ---------------------------------------------------------------
  const raw = postgres(ctx.pgUrl, { max: 1, onnotice: () => {} });
  ctx.onCleanup('contact-import raw connection', () => raw.end({ timeout: 5 }));
  const copyRows = Array.from({ length: N }, (_, n) => {
    const [name, email, phone, identifier, city, company] = row(n + 1);
    return `${copyAccount.id},${name},${email},${phone},${identifier},"${JSON.stringify({ city, companyName: company }).replace(/"/g, '""')}"\n`;
  }).join('');
  const copyStart = performance.now();
  const writable = await raw`copy contacts (account_id, name, email, phone_number, identifier, additional_attributes) from stdin (format csv)`.writable();
  await pipeline(Readable.from([copyRows]), writable);
  const copyMs = performance.now() - copyStart;
  const copyPerSecond = N / (copyMs / 1000);
  progress(`  COPY: ${copyPerSecond.toFixed(0)} rows/s`);

  // --- a real worker process -------------------------------------------------------------------------
  progress('contact-import: starting a worker process…');
  const worker = spawn(process.execPath, ['--import', 'tsx', 'activities/worker.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: ctx.pgUrl, TEMPORAL_ADDRESS: ctx.temporalAddress, TEMPORAL_TASK_QUEUE: ctx.taskQueue, STORAGE_LOCAL_DIR: ctx.storageDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.onCleanup('contact-import worker', async () => {
    if (worker.exitCode === null) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[worker] polling task queue')) resolve();
    };
    worker.stdout!.on('data', collect);
    worker.stderr!.on('data', collect);
    worker.once('exit', () => reject(new Error(`worker exited:\n${output}`)));
  });

  const listTimes = async (until: () => boolean, max: number) => {
    const times: number[] = [];
    while (!until() && times.length < max) {
      const start = performance.now();
      const response = await fetch(`${ctx.apiUrl}/api/v1/accounts/${other.id}/contacts?page=1`, { headers: { api_access_token: bystanderToken } });
      await response.arrayBuffer();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b);
  };
  const idle = await listTimes(() => false, 200);

  // --- the import through the API ----------------------------------------------------------------------
  const rss = { start: await rssMiB(worker.pid!), middle: NaN, end: NaN };
  const form = new FormData();
  form.append('import_file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const importStart = performance.now();
  const response = await fetch(`${ctx.apiUrl}/api/v1/accounts/${importAccount.id}/contacts/import`, { method: 'POST', headers: { api_access_token: token }, body: form });
  if (!response.ok) throw new Error(`import upload: ${response.status} ${await response.text()}`);
  const importId = ((await response.json()) as { payload: { id: number } }).payload.id;
  let finished = false;
  let status: { status: string; processed_rows: number; created_count: number; failed_count: number } = { status: 'queued', processed_rows: 0, created_count: 0, failed_count: 0 };
  const poller = (async () => {
    while (!finished) {
      const answer = await fetch(`${ctx.apiUrl}/api/v1/accounts/${importAccount.id}/contacts/imports/${importId}`, { headers: { api_access_token: token } });
      status = ((await answer.json()) as { payload: typeof status }).payload;
      if (Number.isNaN(rss.middle) && status.processed_rows >= N / 2) rss.middle = await rssMiB(worker.pid!);
      if (status.status === 'completed' || status.status === 'failed') {
        finished = true;
        rss.end = await rssMiB(worker.pid!);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const during = await listTimes(() => finished, 100_000);
  await poller;
  const importMs = performance.now() - importStart;
  if (status.status !== 'completed' || status.created_count !== N) throw new Error(`import ended ${status.status} with ${status.created_count} created, ${status.failed_count} failed`);
  const importPerSecond = N / (importMs / 1000);
  const ratio = importPerSecond / copyPerSecond;

  console.log('');
  console.log(`Parley contact import of ${N} rows (API upload → workflow → 500-row batches) vs. COPY of the same rows (same run, same Postgres)`);
  console.log(`${'path'.padEnd(34)}${'rows/s'.padStart(10)}${'wall'.padStart(10)}`);
  console.log(`${'baseline: COPY contacts'.padEnd(34)}${copyPerSecond.toFixed(0).padStart(10)}${`${(copyMs / 1000).toFixed(1)} s`.padStart(10)}`);
  console.log(`${'Parley: contacts/import'.padEnd(34)}${importPerSecond.toFixed(0).padStart(10)}${`${(importMs / 1000).toFixed(1)} s`.padStart(10)}`);
  console.log(`import throughput: ${ratio.toFixed(2)}× COPY (goal ≥ ${GOAL_RATIO}×: ${ratio >= GOAL_RATIO ? 'met' : 'MISSED'})`);
  console.log(`worker RSS: start ${rss.start.toFixed(0)} MiB, middle ${rss.middle.toFixed(0)} MiB, end ${rss.end.toFixed(0)} MiB`);
  const p = (times: number[], q: number) => ctx.percentile(times, q).toFixed(1);
  console.log(`another account's GET /contacts: idle p50 ${p(idle, 50)} ms p99 ${p(idle, 99)} ms; during the import p50 ${p(during, 50)} ms p99 ${p(during, 99)} ms (${during.length} requests)`);
  console.log('');
  return 0; // figures, not a gate
}
