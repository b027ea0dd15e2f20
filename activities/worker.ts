import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { connectDatabase } from '../db/client.js';
import { readSettings, readStorageSettings, readWebhookSettings, type WebhookSettings } from '../core/settings.js';
import { ChannelSecrets } from '../core/auth/channel-secrets.js';
import { createBlobStore, type BlobStore } from '../core/storage/index.js';
import { createActivities } from './index.js';
import { createMailer, type Mailer } from '../core/services/mail/mailer.js';
import { startLifecycleOutboxSweeper } from './lifecycle-outbox-sweeper.js';
import { startWebhookSweeper } from './webhook-sweeper.js';
import { ensureMailboxPollers } from '../core/services/inboxes/mailbox-poller.js';
import { startWorkerHealthServer } from './worker-health.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Builds a worker for Parley's task queue: workflows from workflows/, activities bound to the database. */
export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  workflowBundlePath?: string;
  webhooks?: WebhookSettings;
  /** For activities that call workflows: a routing rule resolving, webhook deliveries started at once, CSAT surveys. */
  temporal: Client;
  csatSurveyValidityMs?: number;
  /** NOTIFICATION_DIGEST_DELAY: how long a notification stays unread before the digest mails it. */
  notificationDigestDelayMs?: number;
  /** System mail (CSAT survey links, the notification digest; absent, digests are not sent) and the public URL its links point at. */
  mailer?: Mailer;
  publicUrl?: string;
  /** Where attachments are read from for outgoing mail; unset: the one the settings name. */
  storage?: BlobStore;
  /** CHANNEL_SECRETS_KEY, to read inboxes' SMTP passwords. */
  channelSecretsKey?: string;
}) {
  const database = connectDatabase(options.databaseUrl);
  const storage = options.storage ?? createBlobStore(readStorageSettings());
  const workflowSource: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath };
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflowSource,
    activities: createActivities({
      db: database.db,
      temporal: options.temporal,
      taskQueue: options.taskQueue,
      webhooks: options.webhooks ?? readWebhookSettings(),
      csatSurveyValidityMs: options.csatSurveyValidityMs,
      notificationDigestDelayMs: options.notificationDigestDelayMs,
      mailer: options.mailer,
      publicUrl: options.publicUrl,
      storage,
      channelSecrets: options.channelSecretsKey ? new ChannelSecrets(options.channelSecretsKey) : undefined,
    }),
  });
  const close = async () => {
    await database.close();
    // A store handed in belongs to the caller.
    if (!options.storage) await storage.close();
  };
  return { worker, close };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const settings = readSettings();
  // The SDK's INFO lines (the bundler's module list, every state change) drown the launcher's output.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    // The SDK's own Prometheus exporter: task latencies, poll results, slots in use, sticky cache.
    ...(settings.workerMetricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: settings.workerMetricsAddress } } } } : {}),
  });
  const connection = await NativeConnection.connect({ address: settings.temporalAddress });
  const clientConnection = await Connection.connect({ address: settings.temporalAddress });
  const temporal = new Client({ connection: clientConnection, namespace: settings.temporalNamespace });
  const { worker, close } = await createWorker({
    connection,
    namespace: settings.temporalNamespace,
    taskQueue: settings.temporalTaskQueue,
    databaseUrl: settings.databaseUrl,
    webhooks: settings.webhooks,
    temporal: temporal,
    csatSurveyValidityMs: settings.csatSurveyValidityMs,
    notificationDigestDelayMs: settings.notificationDigestDelayMs,
    mailer: settings.smtpUrl ? createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom }) : undefined,
    publicUrl: settings.publicUrl,
    channelSecretsKey: settings.channelSecretsKey,
  });
  const sweeperDatabase = connectDatabase(settings.databaseUrl, { max: 2 });
  const stopSweeper = startLifecycleOutboxSweeper({ db: sweeperDatabase.db, temporal: temporal, taskQueue: settings.temporalTaskQueue });
  const stopWebhookSweeper = startWebhookSweeper({ db: sweeperDatabase.db, temporal: temporal, taskQueue: settings.temporalTaskQueue, webhooks: settings.webhooks });
  const ensurePollers = () =>
    ensureMailboxPollers({ db: sweeperDatabase.db, temporal: temporal, taskQueue: settings.temporalTaskQueue }).catch((error: Error) => {
      console.warn(`[worker] could not start the mailbox pollers now, retrying in a few minutes: ${error.message}`);
      return 0;
    });
  const mailboxes = await ensurePollers();
  if (mailboxes) console.log(`[worker] ${mailboxes} mailbox poller(s) running`);
  const pollerCheck = setInterval(() => void ensurePollers(), 5 * 60_000);
  const health = settings.workerHealthPort
    ? await startWorkerHealthServer({ worker, db: sweeperDatabase.db, host: settings.workerHealthHost, port: settings.workerHealthPort })
    : undefined;
  if (health) console.log(`[worker] health at ${health.url}/health and ${health.url}/ready`);
  if (settings.workerMetricsAddress) console.log(`[worker] Prometheus metrics at http://${settings.workerMetricsAddress}/metrics`);
  console.log(`[worker] polling task queue "${settings.temporalTaskQueue}" on ${settings.temporalAddress}`);
  // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before resolving.
  await worker.run();
  clearInterval(pollerCheck);
  await health?.stop();
  await stopSweeper();
  await stopWebhookSweeper();
  await sweeperDatabase.close();
  await clientConnection.close();
  await close();
  await connection.close();
}
