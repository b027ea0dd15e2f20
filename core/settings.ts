import { defaultRateLimits } from './auth/rate-limit.js';
import { defaultTrustedProxies, parseTrustedProxies } from './auth/trusted-proxies.js';

/** Every runtime setting, read once from the environment; `.env.example` and the README document each. */
export type Settings = {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalTaskQueue: string;
  apiPort: number;
  apiHost: string;
  /** PARLEY_API_PROCESSES: how many API processes share API_PORT; above 1 each listens with SO_REUSEPORT so the kernel spreads connections. */
  apiProcesses: number;
  /** METRICS_TOKEN: the bearer token `GET /metrics` asks for; unset, the API serves no metrics. */
  metricsToken: string | undefined;
  /** WORKER_METRICS_ADDRESS: host:port where the worker's Temporal SDK serves Prometheus metrics; unset, none. */
  workerMetricsAddress: string | undefined;
  /** WORKER_HEALTH_PORT: the worker's /health and /ready on 127.0.0.1 (or WORKER_HEALTH_HOST); unset, none. */
  workerHealthPort: number | undefined;
  workerHealthHost: string;
  publicUrl: string;
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Proxies whose X-Forwarded-For is believed: CIDRs or addresses. */
  trustedProxies: string[];
  /** Authenticated API requests allowed per access token or session per minute. */
  apiRequestsPerMinute: number;
  /** Public (widget) API requests allowed per client address per minute. */
  publicRequestsPerMinute: number;
  sessionIdleTimeoutMs: number;
  /** An agent with auto_offline and no open console this long counts as offline (PRESENCE_OFFLINE_AFTER). */
  presenceOfflineAfterMs: number;
  /** How long a notification stays unread before the e-mail digest mails it. */
  notificationDigestDelayMs: number;
  storage: StorageSettings;
  publicUploadQuotas: PublicUploadQuotas;
  webhooks: WebhookSettings;
  /** How long a CSAT survey can be answered (and the answer changed) after it is sent. */
  csatSurveyValidityMs: number;
  /** Encrypts inboxes' IMAP/SMTP passwords at rest; unset: email inboxes cannot store credentials. */
  channelSecretsKey: string | undefined;
  /** Lets inboxes use mail servers on loopback or private networks (tests, a server beside Parley). */
  allowPrivateMailHosts: boolean;
};

/** How webhooks are signed, checked and retried (README › Settings, WEBHOOK_*). */
export type WebhookSettings = {
  /** Encrypts endpoints' signing secrets at rest (WEBHOOK_SECRETS_KEY). */
  secretsKey: string;
  /** Hosts (names or addresses) that may be private or loopback; everything else must be public. */
  allowedHosts: string[];
  /** Delay before each attempt, the first usually 0; each gets ±20% jitter. */
  retryDelaysMs: number[];
  /** An attempt not answered within this is a failure. */
  timeoutMs: number;
  /** An endpoint whose every attempt failed for this long is disabled. */
  disableAfterMs: number;
};

/** Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: about a day and a quarter in all. */
export const productionRetryDelaysMs = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

// Only for development and tests: production sets its own (docker-compose passes one, the README says so).
const developmentWebhookSecretsKey = 'parley-development-webhook-secrets-key';

export function readWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return {
    secretsKey: env.WEBHOOK_SECRETS_KEY || developmentWebhookSecretsKey,
    allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(/[\s,]+/).filter(Boolean).map((host) => host.toLowerCase()),
    retryDelaysMs: env.WEBHOOK_RETRY_DELAYS ? parseDelayList('WEBHOOK_RETRY_DELAYS', env.WEBHOOK_RETRY_DELAYS) : productionRetryDelaysMs,
    timeoutMs: parseDuration('WEBHOOK_TIMEOUT', env.WEBHOOK_TIMEOUT || '15s'),
    disableAfterMs: parseDuration('WEBHOOK_DISABLE_AFTER', env.WEBHOOK_DISABLE_AFTER || '3d'),
  };
}

/** `0,5s,5m,30m` or with milliseconds for tests (`0,50ms,50ms`). */
function parseDelayList(name: string, value: string): number[] {
  const delays = value.split(',').map((part) => {
    const trimmed = part.trim();
    if (trimmed === '0') return 0;
    const ms = /^(\d+)ms$/.exec(trimmed);
    return ms ? Number(ms[1]) : parseDuration(name, trimmed);
  });
  if (delays.length === 0) throw new Error(`${name} needs at least one delay`);
  return delays;
}

const durationUnitsMs = { s: 1000, m: 60 * 1000, h: 60 * 60 * 1000, d: 24 * 60 * 60 * 1000 } as const;

/** `90` (seconds), `30m`, `12h` or `7d`; anything else stops the process with the variable's name. */
export function parseDuration(name: string, value: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`${name} must be a positive duration such as 3600, 30m, 12h or 7d (got "${value}")`);
  return Number(match[1]) * durationUnitsMs[(match[2] || 's') as keyof typeof durationUnitsMs];
}

export type StorageSettings = {
  driver: 'local' | 's3';
  localDir: string;
  s3: { bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; accessKeyId?: string; secretAccessKey?: string };
};

/** Bytes the public (widget) API accepts in files over a rolling day, per contact and per inbox. */
export type PublicUploadQuotas = { contactBytesPerDay: number; inboxBytesPerDay: number };

const mebibyte = 1024 * 1024;

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function portNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a port number (1–65535), got "${raw}"`);
  return value;
}

/** `host:port`, as the Temporal SDK's Prometheus exporter binds it. */
function hostAndPort(name: string, raw: string): string {
  const match = /^(.+):(\d+)$/.exec(raw);
  if (!match) throw new Error(`${name} must be host:port (e.g. 127.0.0.1:9464), got "${raw}"`);
  portNumber(name, match[2]);
  return raw;
}

export function readStorageSettings(env: NodeJS.ProcessEnv = process.env): StorageSettings {
  const driver = env.STORAGE_DRIVER || 'local';
  if (driver !== 'local' && driver !== 's3') throw new Error(`STORAGE_DRIVER must be "local" or "s3", got "${driver}"`);
  const bucket = env.S3_BUCKET ?? '';
  if (driver === 's3' && !bucket) throw new Error('S3_BUCKET is required when STORAGE_DRIVER=s3');
  return {
    driver,
    localDir: env.STORAGE_LOCAL_DIR || '.parley/uploads',
    s3: {
      bucket,
      region: env.S3_REGION || 'us-east-1',
      endpoint: env.S3_ENDPOINT || undefined,
      forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
      // Unset: the AWS SDK's default chain (instance role, AWS_* variables, profile) supplies them.
      accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    },
  };
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (e.g. postgres://parley:parley@127.0.0.1:5432/parley)');
  const publicUrl = env.PUBLIC_URL ?? 'http://localhost:3000';
  const trustedProxies = env.TRUSTED_PROXIES ? env.TRUSTED_PROXIES.split(/[\s,]+/).filter(Boolean) : defaultTrustedProxies;
  parseTrustedProxies(trustedProxies);
  const apiRequestsPerMinute = Number(env.API_REQUESTS_PER_MINUTE ?? 600);
  if (!Number.isInteger(apiRequestsPerMinute) || apiRequestsPerMinute < 1) throw new Error('API_REQUESTS_PER_MINUTE must be a whole number of at least 1');
  const publicRequestsPerMinute = positiveInteger('PUBLIC_REQUESTS_PER_MINUTE', env.PUBLIC_REQUESTS_PER_MINUTE, defaultRateLimits.publicPerAddress.limit);
  return {
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    temporalTaskQueue: env.TEMPORAL_TASK_QUEUE ?? 'parley',
    apiPort: Number(env.API_PORT ?? 3001),
    apiHost: env.API_HOST ?? '127.0.0.1',
    apiProcesses: positiveInteger('PARLEY_API_PROCESSES', env.PARLEY_API_PROCESSES, 1),
    metricsToken: env.METRICS_TOKEN || undefined,
    workerMetricsAddress: env.WORKER_METRICS_ADDRESS ? hostAndPort('WORKER_METRICS_ADDRESS', env.WORKER_METRICS_ADDRESS) : undefined,
    workerHealthPort: env.WORKER_HEALTH_PORT ? portNumber('WORKER_HEALTH_PORT', env.WORKER_HEALTH_PORT) : undefined,
    workerHealthHost: env.WORKER_HEALTH_HOST || '127.0.0.1',
    publicUrl,
    secureCookies: (env.SECURE_COOKIES || (publicUrl.startsWith('https:') ? 'true' : 'false')) === 'true',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Parley <no-reply@parley.local>',
    trustedProxies,
    apiRequestsPerMinute,
    publicRequestsPerMinute,
    sessionIdleTimeoutMs: parseDuration('SESSION_IDLE_TIMEOUT', env.SESSION_IDLE_TIMEOUT || '7d'),
    presenceOfflineAfterMs: parseDuration('PRESENCE_OFFLINE_AFTER', env.PRESENCE_OFFLINE_AFTER || '3m'),
    notificationDigestDelayMs: parseDuration('NOTIFICATION_DIGEST_DELAY', env.NOTIFICATION_DIGEST_DELAY || '15m'),
    storage: readStorageSettings(env),
    channelSecretsKey: env.CHANNEL_SECRETS_KEY || undefined,
    allowPrivateMailHosts: env.MAIL_ALLOW_PRIVATE_HOSTS === 'true',
    publicUploadQuotas: {
      contactBytesPerDay: positiveInteger('PUBLIC_UPLOAD_CONTACT_BYTES_PER_DAY', env.PUBLIC_UPLOAD_CONTACT_BYTES_PER_DAY, 100 * mebibyte),
      inboxBytesPerDay: positiveInteger('PUBLIC_UPLOAD_INBOX_BYTES_PER_DAY', env.PUBLIC_UPLOAD_INBOX_BYTES_PER_DAY, 2048 * mebibyte),
    },
    webhooks: readWebhookSettings(env),
    csatSurveyValidityMs: parseDuration('CSAT_SURVEY_EXPIRY', env.CSAT_SURVEY_EXPIRY || '7d'),
  };
}
