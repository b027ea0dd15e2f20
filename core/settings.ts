import { defaultTrustedProxies, parseTrustedProxies } from './auth/trusted-proxies.js';

/** Every runtime setting, read once from the environment; `.env.example` and the README document each. */
export type Settings = {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalTaskQueue: string;
  apiPort: number;
  apiHost: string;
  publicUrl: string;
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Proxies whose X-Forwarded-For is believed: CIDRs or addresses. */
  trustedProxies: string[];
  /** Authenticated API requests allowed per access token or session per minute. */
  apiRequestsPerMinute: number;
};

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (e.g. postgres://parley:parley@127.0.0.1:5432/parley)');
  const publicUrl = env.PUBLIC_URL ?? 'http://localhost:3000';
  const trustedProxies = env.TRUSTED_PROXIES ? env.TRUSTED_PROXIES.split(/[\s,]+/).filter(Boolean) : defaultTrustedProxies;
  parseTrustedProxies(trustedProxies);
  const apiRequestsPerMinute = Number(env.API_REQUESTS_PER_MINUTE ?? 600);
  if (!Number.isInteger(apiRequestsPerMinute) || apiRequestsPerMinute < 1) throw new Error('API_REQUESTS_PER_MINUTE must be a whole number of at least 1');
  return {
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    temporalTaskQueue: env.TEMPORAL_TASK_QUEUE ?? 'parley',
    apiPort: Number(env.API_PORT ?? 3001),
    apiHost: env.API_HOST ?? '127.0.0.1',
    publicUrl,
    secureCookies: (env.SECURE_COOKIES || (publicUrl.startsWith('https:') ? 'true' : 'false')) === 'true',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Parley <no-reply@parley.local>',
    trustedProxies,
    apiRequestsPerMinute,
  };
}
