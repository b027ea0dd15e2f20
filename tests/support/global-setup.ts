import { rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../db/migrate.js';
import { buildConsole, consoleBuildIsStale } from '../../scripts/lib/console-build.js';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.js';
import { projectRoot } from '../../scripts/lib/paths.js';
import { startS3TestServer } from '../../scripts/lib/s3-test-server.js';
import { startImapTestServer } from '../../scripts/lib/imap-test-server.js';
import { freePort, resolveTemporalCli } from '../../scripts/lib/temporal-cli.js';
import { writeFile } from 'node:fs/promises';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    workflowBundlePath: string;
    /** The local blob store's folder for this run. */
    storageDir: string;
    /** A real S3-compatible server (moto) on loopback, with an empty bucket. */
    s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };
    /** A real IMAP server (GreenMail) on loopback: any login gets a mailbox of its own. */
    imap: { host: string; port: number };
  }
}

/** Starts one real Postgres and one real Temporal dev server for the whole run; tests isolate by account and task queue. */
export default async function setup(project: TestProject) {
  const runDir = path.join(projectRoot, '.parley', 'test', String(process.pid));
  await rm(runDir, { recursive: true, force: true });
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(runDir, 'pg'), port: await freePort(), database: 'parley_test' });
  await migrateDatabase(postgres.url);

  const s3 = await startS3TestServer((line) => console.log(line));
  const imap = await startImapTestServer((line) => console.log(line));

  const temporalCli = await resolveTemporalCli((line) => console.log(line));
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCli }, extraArgs: ['--log-level', 'error'] },
  });
  const temporalAddress = temporal.connection.options.address;

  // Bundling the workflows takes seconds; do it once and let every test worker load the file.
  const bundle = await bundleWorkflowCode({ workflowsPath: path.join(projectRoot, 'workflows', 'index.ts'), logger: quietLogger });
  const workflowBundlePath = path.join(runDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);

  // Browser tests serve the built console; build it here, once, rather than racing from each file.
  if (await consoleBuildIsStale()) {
    console.log('Building the console for the browser tests…');
    await buildConsole(() => {});
  }

  project.provide('databaseUrl', postgres.url);
  project.provide('temporalAddress', temporalAddress);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('storageDir', path.join(runDir, 'uploads'));
  project.provide('imap', { host: imap.host, port: imap.port });
  project.provide('s3', { endpoint: s3.endpoint, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });

  return async () => {
    await temporal.teardown();
    await s3.stop();
    await imap.stop();
    await postgres.stop();
    await rm(runDir, { recursive: true, force: true });
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
