import { describe, expect, it } from 'vitest';
import { productionRetryDelaysMs } from '../../core/settings.js';
import { delayBeforeAttempt, maxRetryAfterMs } from './schedule.js';

describe('the retry schedule', () => {
  it('keeps each delay within ±20% of the schedule', () => {
    productionRetryDelaysMs.forEach((delay, index) => {
      expect(delayBeforeAttempt(productionRetryDelaysMs, index, 0)).toBe(Math.round(delay * 0.8));
      expect(delayBeforeAttempt(productionRetryDelaysMs, index, 1)).toBe(Math.round(delay * 1.2));
      expect(delayBeforeAttempt(productionRetryDelaysMs, index, 0.5)).toBe(delay);
    });
  });
  it('spans about a day in all (the first attempt at once)', () => {
    expect(productionRetryDelaysMs[0]).toBe(0);
    const total = productionRetryDelaysMs.reduce((sum, delay) => sum + delay, 0);
    expect(total / 3_600_000).toBeGreaterThan(24);
    expect(total / 3_600_000).toBeLessThan(30);
  });
  it('waits at least what Retry-After asked, within reason', () => {
    expect(delayBeforeAttempt([0, 5_000], 1, 0.5, 60_000)).toBe(60_000);
    expect(delayBeforeAttempt([0, 5_000], 1, 0.5, 1_000)).toBe(5_000);
    expect(delayBeforeAttempt([0, 5_000], 1, 0.5, maxRetryAfterMs + 1)).toBe(5_000);
  });
});
