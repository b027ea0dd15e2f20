import type { DatabaseOrTransaction } from '../../db/client.js';
import { clearRateLimitKey, countRateLimitHit, deleteExpiredRateLimitCounters } from '../../db/queries/rate-limits.js';
import { ApiError } from '../errors.js';

/** At most `limit` hits per `windowMs` for each subject (an address, an e-mail, a token). */
export type RateLimitRule = { limit: number; windowMs: number };

/** Every limit the API enforces; deployments tune the token limit, tests shrink them all. */
export type RateLimits = {
  /** Sign-in attempts from one address for one e-mail: enough for typos, far too few for guessing. */
  signInPerAddressAndEmail: RateLimitRule;
  /** Sign-in attempts for one e-mail from anywhere: stops guessing spread over many addresses. */
  signInPerEmail: RateLimitRule;
  /** Sign-in attempts from one address for any e-mail: stops one address trying many logins. */
  signInPerAddress: RateLimitRule;
  /** Requests to the public (widget) API from one address. */
  publicPerAddress: RateLimitRule;
  /** Requests to the authenticated API per access token or console session. */
  apiPerToken: RateLimitRule;
};

const fifteenMinutes = 15 * 60 * 1000;
export const defaultRateLimits: RateLimits = {
  signInPerAddressAndEmail: { limit: 10, windowMs: fifteenMinutes },
  signInPerEmail: { limit: 50, windowMs: fifteenMinutes },
  signInPerAddress: { limit: 100, windowMs: fifteenMinutes },
  publicPerAddress: { limit: 120, windowMs: 60_000 },
  apiPerToken: { limit: 600, windowMs: 60_000 },
};

export const rateLimitsWith = (overrides: Partial<RateLimits> = {}): RateLimits => ({ ...defaultRateLimits, ...overrides });

const sweepEveryMs = 60_000;
let lastSweepAt = 0;

/**
 * Counts one hit against `key` in Postgres, so every API process shares the count; returns the
 * seconds to wait when over the limit, otherwise 0. Ended windows are swept about once a minute per
 * process, off the request's path.
 */
export async function hitRateLimit(db: DatabaseOrTransaction, rule: RateLimitRule, key: string): Promise<number> {
  const now = Date.now();
  if (now - lastSweepAt > sweepEveryMs) {
    lastSweepAt = now;
    void deleteExpiredRateLimitCounters(db).catch((error) => console.warn('[rate-limit] could not sweep ended windows', (error as Error).message));
  }
  const { count, secondsLeft } = await countRateLimitHit(db, { key, windowMs: rule.windowMs });
  return count > rule.limit ? secondsLeft : 0;
}

/** Throws the standard 429 (with Retry-After, see api/app.ts) when `key` is over `rule`. */
export async function enforceRateLimit(db: DatabaseOrTransaction, rule: RateLimitRule, key: string, message = 'Too many requests'): Promise<void> {
  const retryAfterSeconds = await hitRateLimit(db, rule, key);
  if (retryAfterSeconds > 0) throw tooManyRequests(message, retryAfterSeconds);
}

export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiError('RATE_LIMITED', `${message}; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });

export const resetRateLimit = (db: DatabaseOrTransaction, key: string) => clearRateLimitKey(db, key);
