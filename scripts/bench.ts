/**
 * `npm run bench` — message ingest through the API, against a baseline measured in the same run.
 *
 * Starts a throw-away stack (embedded Postgres under .parley/bench/, an in-memory Temporal dev server,
 * the real API on loopback), seeds one account with N open conversations, then measures:
 *   1. baseline: C async workers doing raw single-row `insert into messages` with the `postgres` driver;
 *   2. API: C keep-alive HTTP clients POSTing the same messages to /conversations/{id}/messages.
 * It prints figures, never a verdict. Flags: --concurrency C, --messages M, --conversations N, --warmup W.
 *
 * `--scenario list` runs the conversation-list scenario instead (scripts/bench/list-scenario.ts: SPEC §6
 * scale, 100,000 conversations and ~1,000,000 messages seeded in Postgres, list + counts through the API);
 * `--scenario webhooks` measures durable webhook delivery against plain signed POSTs (scripts/bench/webhook-scenario.ts);
 * `--scenario router` runs the inbox-router scenario (scripts/bench/router-scenario.ts: created → assigned at a
 * steady rate into one inbox, against the bare Temporal round trip); flags --rate, --seconds, --agents.
 * `--scenario contact-import` imports a 50,000-row CSV through the API and a worker process against COPY of the
 * same rows (scripts/bench/contact-import-scenario.ts); flag --rows.
 * `--scenario all` runs them all on the same stack, ingest first. The default scenario is `ingest`.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startApiServer } from '../api/server.js';
import { readSettings } from '../core/settings.js';
import { addUserToAccount, createAccount, createInboxRecord, issueAccessToken } from '../core/services/accounts/bootstrap.js';
import { connectDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { insertContact } from '../db/queries/contacts.js';
import { listScenarioDefaults, runListScenario } from './bench/list-scenario.js';
import { runWebhookScenario, webhookScenarioDefaults } from './bench/webhook-scenario.js';
import { routerScenarioDefaults, runRouterScenario } from './bench/router-scenario.js';
import { mailScenarioDefaults, runMailScenario } from './bench/mail-scenario.js';
import { contactsScenarioDefaults, runContactsScenario } from './bench/contacts-scenario.js';
import { contactImportScenarioDefaults, runContactImportScenario } from './bench/contact-import-scenario.js';
import { startEmbeddedPostgres } from './lib/embedded-postgres.js';
import { projectRoot } from './lib/paths.js';
import { freePort, resolveTemporalCli, startTemporalDevServer } from './lib/temporal-cli.js';

// ---------------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    concurrency: { type: 'string', short: 'c' },
    messages: { type: 'string', short: 'm' },
    conversations: { type: 'string' },
    warmup: { type: 'string' },
    scenario: { type: 'string', short: 's' },
    requests: { type: 'string' },
    contacts: { type: 'string' },
    rows: { type: 'string' },
    events: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    agents: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (flags.help) {
  console.log('usage: npm run bench -- [--scenario ingest|list|webhooks|router|mail|contacts|contact-import|all] [--concurrency 16] [--messages 5000] [--conversations 50] [--warmup 300]');
  console.log('       --scenario webhooks: [--events 1000] (per phase)');
  console.log('       --scenario router: [--rate 20] [--seconds 60] [--agents 5]');
  console.log('       --scenario contacts: [--contacts 100000] [--requests 200]: contact search and a 3-condition filter vs the raw query');
  console.log('       --scenario contact-import: [--rows 50000]: CSV import rows/s vs COPY of the same rows, worker RSS, list latency for others');
  console.log('       --scenario mail: outbound mail against nodemailer, lateness after a window / schedule, IMAP import rate');
  console.log('       --scenario list: [--requests 200] (per endpoint); --conversations N scales the seed (default 100000, 10 messages each on average)');
  process.exit(0);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
  return n;
}

const C = positiveInt('concurrency', flags.concurrency, 16);
const M = positiveInt('messages', flags.messages, 5000);
const N_CONVERSATIONS = positiveInt('conversations', flags.conversations, 50);
const WARMUP = positiveInt('warmup', flags.warmup, 300);
const SCENARIO = flags.scenario ?? 'ingest';
if (!['ingest', 'list', 'webhooks', 'router', 'mail', 'contacts', 'contact-import', 'all'].includes(SCENARIO)) {
  console.error(`--scenario must be ingest, list, webhooks, router, mail, contacts, contact-import or all (got ${SCENARIO})`);
  process.exit(2);
}
const runIngest = SCENARIO === 'ingest' || SCENARIO === 'all';
const runList = SCENARIO === 'list' || SCENARIO === 'all';
const runWebhooks = SCENARIO === 'webhooks' || SCENARIO === 'all';
const runRouter = SCENARIO === 'router' || SCENARIO === 'all';
const ROUTER_OPTIONS = {
  ...routerScenarioDefaults,
  rate: positiveInt('rate', flags.rate, routerScenarioDefaults.rate),
  seconds: positiveInt('seconds', flags.seconds, routerScenarioDefaults.seconds),
  agents: positiveInt('agents', flags.agents, routerScenarioDefaults.agents),
};
const runMail = SCENARIO === 'mail' || SCENARIO === 'all';
const runContacts = SCENARIO === 'contacts' || SCENARIO === 'all';
const CONTACTS_OPTIONS = {
  ...contactsScenarioDefaults,
  contacts: positiveInt('contacts', flags.contacts, contactsScenarioDefaults.contacts),
  requests: positiveInt('requests', flags.requests, contactsScenarioDefaults.requests),
};
const runContactImport = SCENARIO === 'contact-import' || SCENARIO === 'all';
const CONTACT_IMPORT_OPTIONS = { rows: positiveInt('rows', flags.rows, contactImportScenarioDefaults.rows) };
const benchChannelSecretsKey = `bench-${randomUUID()}-${randomUUID()}`;
// In the list scenario --conversations sizes the seed; the ingest scenario keeps its own default.
const LIST_OPTIONS = {
  ...listScenarioDefaults,
  conversations: SCENARIO === 'list' ? positiveInt('conversations', flags.conversations, listScenarioDefaults.conversations) : listScenarioDefaults.conversations,
  requests: positiveInt('requests', flags.requests, listScenarioDefaults.requests),
};

// ---------------------------------------------------------------------------------------------------
// Small helpers

const started = performance.now();
const progress = (line: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);

/** Keeps the last lines of a noisy child's log, shown only if something fails. */
function logTail(size = 40) {
  const lines: string[] = [];
  return {
    push: (line: string) => {
      for (const part of line.split('\n')) if (part.trim()) lines.push(part);
      if (lines.length > size) lines.splice(0, lines.length - size);
    },
    lines,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Runs `count` jobs with `workers` async loops pulling the next index; returns per-job latencies (ms) and wall time. */
async function runLoad(count: number, workers: number, job: (index: number) => Promise<void>) {
  const latencies = new Array<number>(count);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count || interrupted) return;
        const s = performance.now();
        await job(i);
        latencies[i] = performance.now() - s;
      }
    }),
  );
  if (interrupted) throw new Error('interrupted');
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { latencies, wallMs, perSecond: count / (wallMs / 1000) };
}

/** CPU seconds used so far by the postmaster and its children (Linux /proc; undefined elsewhere). */
async function postgresCpuSeconds(postmasterPid: number | undefined): Promise<number | undefined> {
  if (!postmasterPid || process.platform !== 'linux') return undefined;
  const ticks = 100; // USER_HZ on every Linux Node runs on in practice
  let total = 0;
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    // Fields after the parenthesised command name: state ppid … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (pid !== postmasterPid && ppid !== postmasterPid) continue;
    total += (Number(fields[11]) + Number(fields[12])) / ticks;
  }
  return total;
}

/** Measures a phase's CPU: this Node process (API + load generator + driver) and Postgres, in cores busy. */
async function cpuMeter(postmasterPid: number | undefined) {
  const node0 = process.cpuUsage();
  const pg0 = await postgresCpuSeconds(postmasterPid);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = performance.now();
  return async () => {
    const seconds = (performance.now() - t0) / 1000;
    loopDelay.disable();
    const node = process.cpuUsage(node0);
    const pg1 = await postgresCpuSeconds(postmasterPid);
    return {
      nodeCores: (node.user + node.system) / 1e6 / seconds,
      postgresCores: pg0 !== undefined && pg1 !== undefined ? (pg1 - pg0) / seconds : undefined,
      // Event-loop lag of this process beyond the 10 ms sampling resolution.
      loopLagP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - 10),
    };
  };
}

/**
 * Samples what the benchmark's Postgres backends are doing every few ms: running, waiting on a lock or
 * I/O, or idle in a transaction (waiting for the client's next statement). Explains where time goes.
 */
function waitSampler(sql: postgres.Sql, everyMs = 20) {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running && !interrupted) {
      const rows = await sql<{ state: string; wait: string | null }[]>`
        select state, case when wait_event is null then null else wait_event_type || ':' || wait_event end as wait
        from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and query not ilike 'listen %'`.catch(
        () => undefined,
      );
      if (!rows) break;
      samples += 1;
      for (const row of rows) {
        const key = row.state === 'active' ? (row.wait ? `waiting ${row.wait}` : 'running') : row.state;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    // Average number of backends in each state at any moment.
    return [...counts].filter(([key]) => key !== 'idle').sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${(n / samples).toFixed(1)}`);
  };
}

const messageText = (phase: string, i: number) =>
  `bench ${phase} #${i}: Hello, I have a question about my order and the delivery date, could you check it for me please?`;

// ---------------------------------------------------------------------------------------------------
// Run

const pgLog = logTail();
const temporalLog = logTail();

type Cleanup = { name: string; run: () => Promise<void> };
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | undefined;
/** Set by Ctrl-C: load loops stop, everything started so far is stopped, the exit code is 130. */
let interrupted = false;
/** Child processes to kill if the process exits before their orderly stop (e.g. a second Ctrl-C). */
const children = new Set<ChildProcess>();
/** The run's temp folder until it is removed; the exit hook removes it if the orderly shutdown did not get there. */
let runDirToRemove: string | undefined;
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // embedded-postgres (via async-exit-hook) stops its server and exits on Ctrl-C on its own, so this can run first.
  if (runDirToRemove) rmSync(runDirToRemove, { recursive: true, force: true });
});

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    // Newest first: the API before Temporal and Postgres, the folder last.
    for (const { name, run } of cleanups.reverse()) {
      try {
        await run();
        progress(`stopped ${name}`);
      } catch (error) {
        console.error(`[bench] stopping ${name} failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: give up waiting
    interrupted = true;
    console.error(`\n[bench] ${signal}: shutting down`);
    void cleanUp().finally(() => process.exit(130));
  });
}
// Queries cut off by the shutdown reject in places nobody awaits any more; that is expected then.
process.on('unhandledRejection', (error) => {
  if (interrupted) return;
  console.error('[bench] unhandled rejection:', error);
  void cleanUp().finally(() => process.exit(1));
});

async function main() {
  const cpus = os.cpus();
  if (runIngest) progress(`concurrency ${C}, ${M} messages per phase (+${WARMUP} warm-up), ${N_CONVERSATIONS} conversations`);
  if (runList) progress(`list scenario: ${LIST_OPTIONS.conversations} conversations, ~${LIST_OPTIONS.conversations * LIST_OPTIONS.messagesPerConversation} messages, ${LIST_OPTIONS.requests} requests per endpoint`);

  // --- Postgres -------------------------------------------------------------------------------------
  const benchRoot = path.join(projectRoot, '.parley', 'bench');
  await mkdir(benchRoot, { recursive: true });
  const runDir = await mkdtemp(path.join(benchRoot, 'run-'));
  runDirToRemove = runDir;
  cleanups.push({
    name: `run folder ${path.relative(projectRoot, runDir)}`,
    run: async () => {
      await rm(runDir, { recursive: true, force: true });
      runDirToRemove = undefined;
    },
  });

  const pgPort = await freePort();
  progress(`starting embedded Postgres on 127.0.0.1:${pgPort} (data in ${path.relative(projectRoot, runDir)}/pg)…`);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(runDir, 'pg'), port: pgPort, database: 'parley_bench', log: pgLog.push });
  cleanups.push({ name: 'Postgres', run: () => pg.stop() });
  const postmasterPid = await readFile(path.join(runDir, 'pg', 'postmaster.pid'), 'utf8')
    .then((text) => Number(text.split('\n')[0]))
    .catch(() => undefined);

  progress('migrating…');
  await migrateDatabase(pg.url);

  // --- Temporal -------------------------------------------------------------------------------------
  progress('resolving the Temporal CLI…');
  const temporalBinary = await resolveTemporalCli((line) => progress(line));
  const temporalPort = await freePort();
  progress(`starting Temporal dev server (in memory) on 127.0.0.1:${temporalPort}…`);
  const temporal = await startTemporalDevServer({ binary: temporalBinary, port: temporalPort, log: temporalLog.push });
  children.add(temporal.process);
  cleanups.push({ name: 'Temporal', run: () => temporal.stop() });

  // --- API ------------------------------------------------------------------------------------------
  const apiPort = await freePort();
  const settings = readSettings({
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'parley-bench',
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    PUBLIC_URL: 'http://127.0.0.1:3000',
    // The bench measures ingest, not the per-token limit that would otherwise throttle it.
    API_REQUESTS_PER_MINUTE: String(1_000_000_000),
    // The webhook scenario's receivers listen on loopback.
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    // The mail scenario's SMTP and IMAP servers listen on loopback.
    CHANNEL_SECRETS_KEY: benchChannelSecretsKey,
    MAIL_ALLOW_PRIVATE_HOSTS: 'true',
    // The contact-import scenario's worker process reads the uploads from the same folder.
    STORAGE_LOCAL_DIR: path.join(runDir, 'uploads'),
  });
  progress(`starting the API on 127.0.0.1:${apiPort}…`);
  const api = await startApiServer(settings);
  cleanups.push({ name: 'API', run: () => api.stop() });

  // --- Seed -----------------------------------------------------------------------------------------
  const seedConnection = connectDatabase(pg.url, { max: 2 });
  cleanups.push({ name: 'seed connection', run: () => seedConnection.close() });
  let exitCode = 0;
  if (runIngest) exitCode = await ingestScenario(pg.url, api, seedConnection, postmasterPid, cpus);
  if (runList && exitCode === 0 && !interrupted) {
    exitCode = await runListScenario(
      {
        pgUrl: pg.url,
        apiUrl: api.url,
        connection: seedConnection,
        progress,
        percentile,
        isInterrupted: () => interrupted,
        onCleanup: (name, run) => cleanups.push({ name, run }),
      },
      LIST_OPTIONS,
    );
  }
  if (runWebhooks && exitCode === 0 && !interrupted) {
    exitCode = await runWebhookScenario(
      {
        apiUrl: api.url,
        databaseUrl: pg.url,
        temporalAddress: temporal.address,
        taskQueue: settings.temporalTaskQueue,
        webhooks: settings.webhooks,
        db: seedConnection.db,
        progress,
        percentile,
        onCleanup: (name, run) => cleanups.push({ name, run }),
      },
      { ...webhookScenarioDefaults, events: positiveInt('events', flags.events, webhookScenarioDefaults.events), concurrency: C },
    );
  }
  if (runRouter && exitCode === 0 && !interrupted) {
    exitCode = await runRouterScenario(
      {
        apiUrl: api.url,
        temporalAddress: temporal.address,
        taskQueue: settings.temporalTaskQueue,
        databaseUrl: pg.url,
        connection: seedConnection,
        progress,
        percentile,
        isInterrupted: () => interrupted,
        onCleanup: (name, run) => cleanups.push({ name, run }),
      },
      ROUTER_OPTIONS,
    );
  }
  if (runMail && exitCode === 0 && !interrupted) {
    exitCode = await runMailScenario(
      {
        apiUrl: api.url,
        temporalAddress: temporal.address,
        taskQueue: settings.temporalTaskQueue,
        databaseUrl: pg.url,
        channelSecretsKey: benchChannelSecretsKey,
        connection: seedConnection,
        progress,
        percentile,
        onCleanup: (name, run) => cleanups.push({ name, run }),
      },
      mailScenarioDefaults,
    );
  }
  if (runContacts && exitCode === 0 && !interrupted) {
    exitCode = await runContactsScenario(
      { pgUrl: pg.url, apiUrl: api.url, connection: seedConnection, progress, percentile, onCleanup: (name, run) => cleanups.push({ name, run }) },
      CONTACTS_OPTIONS,
    );
  }
  if (runContactImport && exitCode === 0 && !interrupted) {
    exitCode = await runContactImportScenario(
      {
        pgUrl: pg.url,
        apiUrl: api.url,
        temporalAddress: temporal.address,
        taskQueue: settings.temporalTaskQueue,
        storageDir: path.join(runDir, 'uploads'),
        connection: seedConnection,
        progress,
        percentile,
        onCleanup: (name, run) => cleanups.push({ name, run }),
      },
      CONTACT_IMPORT_OPTIONS,
    );
  }
  return exitCode;
}

async function ingestScenario(
  pgUrl: string,
  api: { url: string },
  seedConnection: ReturnType<typeof connectDatabase>,
  postmasterPid: number | undefined,
  cpus: ReturnType<typeof os.cpus>,
) {
  const { db } = seedConnection;
  progress('seeding account, administrator, access token, API inbox, contact…');
  const account = await createAccount(db, { name: 'Bench Inc' });
  const admin = await addUserToAccount(db, {
    accountId: account.id,
    name: 'Bench Admin',
    email: 'bench-admin@parley.local',
    password: 'bench-password-123',
    role: 'administrator',
    availability: 'online',
  });
  const token = await issueAccessToken(db, admin.id);
  const inbox = await createInboxRecord(db, { accountId: account.id, name: 'Bench API', channelType: 'api', memberIds: [admin.id] });
  const contact = await insertContact(db, { accountId: account.id, name: 'Bench Customer', email: 'bench-customer@example.com' });

  const headers = { 'content-type': 'application/json', api_access_token: token };
  const accountUrl = `${api.url}/api/v1/accounts/${account.id}`;

  progress(`creating ${N_CONVERSATIONS} open conversations through POST /conversations…`);
  const displayIds: number[] = [];
  await runLoad(N_CONVERSATIONS, Math.min(C, 8), async () => {
    const response = await fetch(`${accountUrl}/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ inbox_id: inbox.id, contact_id: contact.id, status: 'open' }),
    });
    const body = (await response.json()) as { id?: number; status?: string };
    if (response.status !== 200 || typeof body.id !== 'number') throw new Error(`POST /conversations answered ${response.status}: ${JSON.stringify(body)}`);
    if (body.status !== 'open') throw new Error(`POST /conversations made a ${body.status} conversation, not an open one`);
    displayIds.push(body.id);
  });
  displayIds.sort((a, b) => a - b);
  const conversationRows = await seedConnection.sql<{ id: number; display_id: number; status: string }[]>`
    select id, display_id, status from conversations where account_id = ${account.id} order by display_id`;
  if (conversationRows.length !== N_CONVERSATIONS || conversationRows.some((r) => r.status !== 'open')) {
    throw new Error(`expected ${N_CONVERSATIONS} open conversations, found ${conversationRows.length}`);
  }
  const conversationIds = conversationRows.map((r) => r.id);

  // Both phases write the same rows: message i goes to conversation i mod N, alternating customer/agent.
  const rowFor = (i: number) => {
    const incoming = i % 2 === 0;
    return {
      conversation: i % N_CONVERSATIONS,
      messageType: incoming ? ('incoming' as const) : ('outgoing' as const),
      senderType: incoming ? 'contact' : 'user',
      senderId: incoming ? contact.id : admin.id,
    };
  };

  // --- Baseline -------------------------------------------------------------------------------------
  const raw = postgres(pgUrl, { max: C, onnotice: () => {} });
  cleanups.push({ name: 'baseline connection pool', run: () => raw.end({ timeout: 5 }) });
  const insertRaw = async (phase: string, i: number) => {
    const row = rowFor(i);
    await raw`
      insert into messages (account_id, conversation_id, inbox_id, message_type, content, sender_type, sender_id, status)
      values (${account.id}, ${conversationIds[row.conversation]}, ${inbox.id}, ${row.messageType}, ${messageText(phase, i)}, ${row.senderType}, ${row.senderId}, 'sent')
      returning id`;
  };
  progress(`baseline: warming up (${WARMUP} raw inserts)…`);
  await runLoad(WARMUP, C, (i) => insertRaw('baseline-warmup', i));
  progress(`baseline: ${M} raw single-row inserts, ${C} concurrent workers…`);
  const baselineCpu = await cpuMeter(postmasterPid);
  const baselineWaits = waitSampler(seedConnection.sql);
  const baseline = await runLoad(M, C, (i) => insertRaw('baseline', i));
  const baselineCpuUse = await baselineCpu();
  const baselineWaitSummary = await baselineWaits();
  progress(`baseline: ${baseline.perSecond.toFixed(0)} rows/s`);

  // --- API ------------------------------------------------------------------------------------------
  const [{ n: before }] = await seedConnection.sql<{ n: number }[]>`select count(*)::int as n from messages`;
  const failures: string[] = [];
  const messageIds = new Set<number>();
  const postMessage = async (phase: string, i: number) => {
    const row = rowFor(i);
    const response = await fetch(`${accountUrl}/conversations/${displayIds[row.conversation]}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: messageText(phase, i), message_type: row.messageType }),
    });
    const text = await response.text();
    if (response.status !== 200) {
      failures.push(`${response.status} ${text.slice(0, 300)}`);
      return;
    }
    const body = JSON.parse(text) as { id?: number; message_type?: unknown };
    if (typeof body.id !== 'number') failures.push(`200 without an id: ${text.slice(0, 300)}`);
    else messageIds.add(body.id);
  };
  progress(`API: warming up (${WARMUP} POSTs)…`);
  await runLoad(WARMUP, C, (i) => postMessage('api-warmup', i));
  progress(`API: ${M} POST /conversations/{id}/messages, ${C} concurrent keep-alive clients…`);
  const apiCpu = await cpuMeter(postmasterPid);
  const apiWaits = waitSampler(seedConnection.sql);
  const apiRun = await runLoad(M, C, (i) => postMessage('api', i));
  const apiCpuUse = await apiCpu();
  const apiWaitSummary = await apiWaits();
  progress(`API: ${apiRun.perSecond.toFixed(0)} messages/s`);

  // --- Correctness ----------------------------------------------------------------------------------
  const posted = WARMUP + M;
  const [{ n: after }] = await seedConnection.sql<{ n: number }[]>`select count(*)::int as n from messages`;
  const [{ n: apiRows }] = await seedConnection.sql<{ n: number }[]>`
    select count(*)::int as n from messages where content like 'bench api%' and account_id = ${account.id}`;
  const stored = after - before;
  const [pgVersion] = await seedConnection.sql<{ server_version: string }[]>`show server_version`;

  // --- Report ---------------------------------------------------------------------------------------
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const cores = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(2)}`);
  const lat = (l: number[]) => [percentile(l, 50), percentile(l, 90), percentile(l, 99), l[l.length - 1]].map((v) => ms(v).padStart(10));
  const ratio = apiRun.perSecond / baseline.perSecond;
  const table = [
    ['', 'throughput', 'p50', 'p90', 'p99', 'max', 'node CPU', 'pg CPU'],
    ['baseline: raw INSERT', `${baseline.perSecond.toFixed(0)} rows/s`, ...lat(baseline.latencies), cores(baselineCpuUse.nodeCores), cores(baselineCpuUse.postgresCores)],
    ['API: POST …/messages', `${apiRun.perSecond.toFixed(0)} messages/s`, ...lat(apiRun.latencies), cores(apiCpuUse.nodeCores), cores(apiCpuUse.postgresCores)],
  ];
  const widths = table[0].map((_, col) => Math.max(...table.map((r) => r[col].length)));
  const format = (r: string[]) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');

  console.log('');
  console.log('Parley message ingest: API vs. raw inserts (same run, same Postgres, same driver)');
  console.log(
    `machine: ${os.type()} ${os.arch()}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ` +
      `Node ${process.version}; Postgres ${pgVersion.server_version} (embedded, fsync on)`,
  );
  console.log(`load: ${C} concurrent workers/clients, ${M} messages per phase after ${WARMUP} warm-up, spread over ${N_CONVERSATIONS} open conversations`);
  console.log('');
  console.log(format(table[0]));
  console.log(format(table[1]));
  console.log(format(table[2]));
  console.log('');
  console.log(`API throughput: ${ratio.toFixed(2)}× baseline (${baseline.wallMs.toFixed(0)} ms vs ${apiRun.wallMs.toFixed(0)} ms for ${M} messages)`);
  console.log('Postgres backends, average number in each non-idle state (sampled every 20 ms from pg_stat_activity):');
  console.log(`  baseline: ${baselineWaitSummary.join(', ') || 'n/a'}`);
  console.log(`  API:      ${apiWaitSummary.join(', ') || 'n/a'}`);
  console.log(
    'CPU columns: cores busy during the phase; "node" is this one process (API server + HTTP clients + driver), ' +
      `whose event-loop lag p99 was ${baselineCpuUse.loopLagP99Ms.toFixed(1)} ms (baseline) and ${apiCpuUse.loopLagP99Ms.toFixed(1)} ms (API).`,
  );
  console.log(`machine load average at the end: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes share these CPUs)`);
  if (failures.length === 0 && stored === posted && apiRows === posted && messageIds.size === posted) {
    console.log(`correctness: all ${posted} messages stored (${WARMUP} warm-up + ${M} measured; ${messageIds.size} distinct ids returned)`);
  } else {
    console.log(
      `correctness: MISMATCH: posted ${posted}, ${failures.length} failed, ${messageIds.size} distinct ids returned, ` +
        `${stored} rows added to messages (${apiRows} with API content)`,
    );
    for (const failure of failures.slice(0, 5)) console.log(`  e.g. ${failure}`);
    return 1;
  }
  console.log('');
  return 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  if (interrupted) {
    exitCode = 130;
  } else {
    console.error('[bench] failed:', error);
    if (pgLog.lines.length) console.error(`[bench] last Postgres log lines:\n  ${pgLog.lines.join('\n  ')}`);
    if (temporalLog.lines.length) console.error(`[bench] last Temporal log lines:\n  ${temporalLog.lines.join('\n  ')}`);
    exitCode = 1;
  }
} finally {
  await cleanUp();
}
process.exit(exitCode);
