import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { connectDatabase } from '../db/client.js';
import { readSettings, readWebhookSettings, type WebhookSettings } from '../core/settings.js';
import { createActivities } from './index.js';
import { createMailer, type Mailer } from '../core/services/mail/mailer.js';
import { startLifecycleOutboxSweeper } from './lifecycle-outbox-sweeper.js';
import { startWebhookSweeper } from './webhook-sweeper.js';

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
  /** System mail (CSAT survey links, the notification digest; absent, digests are not sent) and the public URL its links point at. */
  mailer?: Mailer;
  publicUrl?: string;
}) {
  const database = connectDatabase(options.databaseUrl);
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
      mailer: options.mailer,
      publicUrl: options.publicUrl,
    }),
  });
  return { worker, close: database.close };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const settings = readSettings();
  // The SDK's INFO lines (the bundler's module list, every state change) drown the launcher's output.
  Runtime.install({ logger: new DefaultLogger('WARN') });
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
    mailer: settings.smtpUrl ? createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom }) : undefined,
    publicUrl: settings.publicUrl,
  });
  const sweeperDatabase = connectDatabase(settings.databaseUrl, { max: 2 });
  const stopSweeper = startLifecycleOutboxSweeper({ db: sweeperDatabase.db, temporal: temporal, taskQueue: settings.temporalTaskQueue });
  const stopWebhookSweeper = startWebhookSweeper({ db: sweeperDatabase.db, temporal: temporal, taskQueue: settings.temporalTaskQueue, webhooks: settings.webhooks });
  console.log(`[worker] polling task queue "${settings.temporalTaskQueue}" on ${settings.temporalAddress}`);
  // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before resolving.
  await worker.run();
  await stopSweeper();
  await stopWebhookSweeper();
  await sweeperDatabase.close();
  await clientConnection.close();
  await close();
  await connection.close();
}
