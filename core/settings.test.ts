import { describe, expect, it } from 'vitest';
import { parseDuration, readSettings } from './settings.js';

describe('settings', () => {
  it('reads SESSION_IDLE_TIMEOUT as seconds or with a unit, a week by default', () => {
    const base = { DATABASE_URL: 'postgres://x@y/z' };
    expect(readSettings(base).sessionIdleTimeoutMs).toBe(7 * 24 * 3600 * 1000);
    expect(readSettings({ ...base, SESSION_IDLE_TIMEOUT: '12h' }).sessionIdleTimeoutMs).toBe(12 * 3600 * 1000);
    expect(parseDuration('X', '90')).toBe(90_000);
    expect(parseDuration('X', '30m')).toBe(30 * 60_000);
    expect(parseDuration('X', '2d')).toBe(2 * 24 * 3600 * 1000);
  });

  it('refuses a timeout it cannot read, naming the variable', () => {
    for (const value of ['0', '-5', 'a week', '5w', '1.5h']) {
      expect(() => readSettings({ DATABASE_URL: 'postgres://x@y/z', SESSION_IDLE_TIMEOUT: value })).toThrow(/SESSION_IDLE_TIMEOUT/);
    }
  });
});
