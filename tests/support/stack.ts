import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';
import { createWorker } from '../../activities/worker.js';
import { createApi } from '../../api/create-api.js';
import type { AppDependencies } from '../../core/context.js';
import { EventBus } from '../../core/events/bus.js';
import { addUserToAccount, createAccount, createInboxRecord, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { connectDatabase } from '../../db/client.js';
import type { Mailer } from '../../core/services/mail/mailer.js';
import { readSettings, type PublicUploadQuotas, type WebhookSettings } from '../../core/settings.js';
import { LocalBlobStore } from '../../core/storage/local.js';
import { ChannelSecrets } from '../../core/auth/channel-secrets.js';
import { S3BlobStore } from '../../core/storage/s3.js';
import type { BlobStore } from '../../core/storage/index.js';

/** Encrypts test inboxes' mail passwords; worker processes a test starts get it as CHANNEL_SECRETS_KEY. */
export const testChannelSecretsKey = 'test-channel-secrets-key-0123456789abcdef';

const defaultPublicUploadQuotas = readSettings({ DATABASE_URL: 'unused' }).publicUploadQuotas;

/** A folder of its own under the run's folder (removed with it by the global setup), so tests can count what is stored. */
export function testBlobStore(): LocalBlobStore {
  return new LocalBlobStore(path.join(inject('storageDir'), randomUUID()));
}

/** A store in the run's S3-compatible server (moto), under a prefix of its own. */
export function testS3BlobStore(): S3BlobStore {
  const s3 = inject('s3');
  return new S3BlobStore({ ...s3, region: 'us-east-1', forcePathStyle: true });
}

/**
 * A real API on the run's Postgres and Temporal, with its own task queue and (optionally) a worker
 * polling it, so test files never see each other's workflows.
 */
export async function startTestStack(
  options: {
    worker?: boolean;
    mailer?: Mailer;
    storage?: BlobStore;
    publicUploadQuotas?: PublicUploadQuotas;
    webhooks?: WebhookSettings;
    /** How long CSAT surveys stay open (tests shorten it to see one expire). */
    csatSurveyValidityMs?: number;
    notificationDigestDelayMs?: number;
  } = {},
) {
  const database = connectDatabase(inject('databaseUrl'));
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const temporal = new Client({ connection });
  const events = new EventBus(database.sql);
  await events.start();
  const taskQueue = `test-${randomUUID()}`;
  const deps: AppDependencies = {
    db: database.db,
    temporal,
    events,
    storage: options.storage ?? testBlobStore(),
    config: {
      taskQueue,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      publicUploadQuotas: options.publicUploadQuotas ?? defaultPublicUploadQuotas,
      webhooks: options.webhooks,
      notificationDigestDelayMs: options.notificationDigestDelayMs,
      // The tests' SMTP and IMAP servers listen on loopback.
      allowPrivateMailHosts: true,
    },
    mailer: options.mailer,
    channelSecrets: new ChannelSecrets(testChannelSecretsKey),
  };
  const app = createApi(deps);

  let stopWorker = async () => {};
  if (options.worker !== false) {
    quietTemporalLogs();
    const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const { worker, close } = await createWorker({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      databaseUrl: inject('databaseUrl'),
      workflowBundlePath: inject('workflowBundlePath'),
      webhooks: options.webhooks,
      temporal,
      storage: deps.storage,
      channelSecretsKey: testChannelSecretsKey,
      csatSurveyValidityMs: options.csatSurveyValidityMs,
      notificationDigestDelayMs: options.notificationDigestDelayMs,
      mailer: options.mailer,
      publicUrl: 'http://localhost:3000',
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await close();
      await workerConnection.close();
    };
  }

  return {
    app,
    deps,
    db: database.db,
    sql: database.sql,
    temporal,
    taskQueue,
    async close() {
      await stopWorker();
      await events.stop();
      await connection.close();
      await database.close();
      await deps.storage.close();
    },
  };
}

let runtimeInstalled = false;
/** The SDK logs every worker state change at INFO; tests only want warnings. Once per process. */
function quietTemporalLogs() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by another helper in this process: its logger stays.
  }
}

export type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** Every test account's users sign in with this password. */
export const testPassword = 'correct horse battery staple';

/** A fresh account with an administrator, an agent in a website inbox, and an agent outside it. */
export async function createTestAccount(stack: Pick<TestStack, 'db'>) {
  const suffix = randomUUID().slice(0, 8);
  const account = await createAccount(stack.db, { name: `Test ${suffix}` });
  const password = testPassword;
  const admin = await addUserToAccount(stack.db, { accountId: account.id, name: 'Ada Admin', email: `admin-${suffix}@example.test`, password, role: 'administrator' });
  const agent = await addUserToAccount(stack.db, { accountId: account.id, name: 'Alan Agent', email: `agent-${suffix}@example.test`, password, role: 'agent' });
  const outsider = await addUserToAccount(stack.db, { accountId: account.id, name: 'Olga Outsider', email: `outsider-${suffix}@example.test`, password, role: 'agent' });
  const inbox = await createInboxRecord(stack.db, { accountId: account.id, name: 'Website', channelType: 'web_widget', settings: { websiteUrl: 'https://shop.example' }, memberIds: [agent.id] });
  const apiInbox = await createInboxRecord(stack.db, { accountId: account.id, name: 'API', channelType: 'api', memberIds: [agent.id] });
  return {
    account,
    password,
    inbox,
    apiInbox,
    admin: { ...admin, token: await issueAccessToken(stack.db, admin.id) },
    agent: { ...agent, token: await issueAccessToken(stack.db, agent.id) },
    outsider: { ...outsider, token: await issueAccessToken(stack.db, outsider.id) },
  };
}

export type TestAccount = Awaited<ReturnType<typeof createTestAccount>>;

/**
 * Another API process on the stack's Postgres and Temporal: its own app and config (rate limits,
 * idle timeout…), or its own unreachable database or Temporal client, nothing shared in memory.
 */
export function apiProcess(stack: Pick<TestStack, 'deps'>, changes: Partial<Omit<AppDependencies, 'config'>> & { config?: Partial<AppDependencies['config']> }) {
  const { config, ...deps } = changes;
  return { app: createApi({ ...stack.deps, ...deps, config: { ...stack.deps.config, ...config } }) };
}

/** Whatever answers `app.request`: the in-process app, or a real API process over HTTP (`apiServerProcesses`). */
export type RequestTarget = { app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> } };

/** `app.request` with an api_access_token (if any), extra headers on every call, and JSON bodies. */
export function apiClient(stack: RequestTarget, token?: string, baseHeaders: Record<string, string> = {}) {
  const headersFor = (extra: Record<string, string> = {}) => ({ ...(token ? { api_access_token: token } : {}), ...baseHeaders, ...extra });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: headersFor(headers) };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await stack.app.request(path, init);
    const text = await response.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, body: json, headers: response.headers };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    patch: (path: string, body?: unknown) => call('PATCH', path, body),
    delete: (path: string, body?: unknown) => call('DELETE', path, body),
    /** The raw Response, for streams and downloads. */
    raw: (path: string, init: RequestInit = {}) => stack.app.request(path, { ...init, headers: headersFor(init.headers as Record<string, string> | undefined) }),
  };
}
