import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { connectDatabase } from '../db/client.js';
import type { AppDependencies } from '../core/context.js';
import { createApi } from './create-api.js';
import { EventBus } from '../core/events/bus.js';
import { rateLimitsWith } from '../core/auth/rate-limit.js';
import { readSettings, type Settings } from '../core/settings.js';
import { createMailer } from '../core/services/mail/mailer.js';
import { moveLegacyBlobs } from '../core/services/attachments/move-legacy-blobs.js';
import { sweepOrphanUploads } from '../core/services/attachments/sweep-orphans.js';
import { createBlobStore } from '../core/storage/index.js';
import { ChannelSecrets } from '../core/auth/channel-secrets.js';

/** Connects the API's dependencies and serves it; resolves once listening, with a `stop` that drains. */
export async function startApiServer(settings: Settings) {
  const database = connectDatabase(settings.databaseUrl, { max: 20 });
  const connection = await Connection.connect({ address: settings.temporalAddress });
  const temporal = new Client({ connection, namespace: settings.temporalNamespace });
  const events = new EventBus(database.sql);
  await events.start();
  const storage = createBlobStore(settings.storage);
  const deps: AppDependencies = {
    db: database.db,
    temporal,
    events,
    storage,
    config: {
      taskQueue: settings.temporalTaskQueue,
      publicUrl: settings.publicUrl,
      secureCookies: settings.secureCookies,
      sessionIdleTimeoutMs: settings.sessionIdleTimeoutMs,
      presenceOfflineAfterMs: settings.presenceOfflineAfterMs,
      notificationDigestDelayMs: settings.notificationDigestDelayMs,
      trustedProxies: settings.trustedProxies,
      rateLimits: rateLimitsWith({
        apiPerToken: { limit: settings.apiRequestsPerMinute, windowMs: 60_000 },
        publicPerAddress: { limit: settings.publicRequestsPerMinute, windowMs: 60_000 },
      }),
      publicUploadQuotas: settings.publicUploadQuotas,
      webhooks: settings.webhooks,
      allowPrivateMailHosts: settings.allowPrivateMailHosts,
      metricsToken: settings.metricsToken,
    },
    mailer: createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom }),
    channelSecrets: settings.channelSecretsKey ? new ChannelSecrets(settings.channelSecretsKey) : undefined,
  };
  // Bodies stored in Postgres before the blob store move in the background; several API processes
  // share the work (row locks), and downloads serve the database copy until a body has moved.
  // Then, and every few hours, objects no row points at (older than a day) are swept.
  const stopBackground = new AbortController();
  const sweep = async () => {
    const swept = await sweepOrphanUploads({ db: database.db, storage }, { signal: stopBackground.signal });
    if (swept.deletedObjects || swept.abandonedWrites) console.log(`[api] swept ${swept.deletedObjects} orphan files and ${swept.abandonedWrites} unfinished uploads from ${storage.driver} storage`);
  };
  const logFailure = (what: string) => (error: unknown) => console.error(`[api] ${what} stopped (retried later): ${(error as Error).message}`);
  const background = moveLegacyBlobs({ db: database.db, storage }, { signal: stopBackground.signal })
    .then((moved) => moved > 0 && console.log(`[api] moved ${moved} stored files from Postgres to ${storage.driver} storage`), logFailure('moving stored files to storage'))
    .then(() => sweep().catch(logFailure('the orphan file sweep')));
  let running = background;
  const sweeper = setInterval(() => void (running = running.then(() => sweep().catch(logFailure('the orphan file sweep')))), 6 * 60 * 60 * 1000);
  sweeper.unref();
  const app = createApi(deps);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // With several API processes on one port the kernel (SO_REUSEPORT) spreads new connections across
  // them; a process that dies leaves the others answering. Everything they share lives in Postgres.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: settings.apiPort, host: settings.apiHost, reusePort: settings.apiProcesses > 1 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://${settings.apiHost}:${settings.apiPort}`,
    async stop() {
      clearInterval(sweeper);
      stopBackground.abort();
      await running;
      await events.stop();
      // Open event streams would keep close() waiting forever; end them with the process's sockets.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      await database.close();
      await storage.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const running = await startApiServer(readSettings());
  console.log(`[api] listening on ${running.url}`);
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
