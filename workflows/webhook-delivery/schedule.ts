/** ±20% around each delay, so many endpoints failing at once do not retry in lockstep. */
export const retryJitter = 0.2;

/** Longest wait a Retry-After may ask for; beyond it the schedule's own delay applies. */
export const maxRetryAfterMs = 24 * 60 * 60 * 1000;

/**
 * The wait before attempt `index` (0-based): the schedule's delay with jitter drawn from `random`
 * (the workflow's deterministic Math.random, so a replay computes the same), or longer when the
 * endpoint's Retry-After asked for more.
 */
export function delayBeforeAttempt(delaysMs: readonly number[], index: number, random: number, retryAfterMs?: number): number {
  const base = delaysMs[index] ?? 0;
  const jittered = Math.round(base * (1 - retryJitter + 2 * retryJitter * random));
  if (retryAfterMs === undefined || retryAfterMs > maxRetryAfterMs) return jittered;
  return Math.max(jittered, retryAfterMs);
}
