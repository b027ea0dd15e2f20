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
  sessionIdleTimeoutMs: number;
};

const durationUnitsMs = { s: 1000, m: 60 * 1000, h: 60 * 60 * 1000, d: 24 * 60 * 60 * 1000 } as const;

/** `90` (seconds), `30m`, `12h` or `7d`; anything else stops the process with the variable's name. */
export function parseDuration(name: string, value: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`${name} must be a positive duration such as 3600, 30m, 12h or 7d (got "${value}")`);
  return Number(match[1]) * durationUnitsMs[(match[2] || 's') as keyof typeof durationUnitsMs];
}

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
    sessionIdleTimeoutMs: parseDuration('SESSION_IDLE_TIMEOUT', env.SESSION_IDLE_TIMEOUT || '7d'),
  };
}
