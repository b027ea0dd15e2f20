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

  it('reads the scale-out and observability settings, refusing values it cannot use by name', () => {
    const base = { DATABASE_URL: 'postgres://x@y/z' };
    const defaults = readSettings(base);
    expect(defaults.apiProcesses).toBe(1);
    expect(defaults.metricsToken).toBeUndefined();
    expect(defaults.workerMetricsAddress).toBeUndefined();
    expect(defaults.workerHealthPort).toBeUndefined();
    const set = readSettings({ ...base, PARLEY_API_PROCESSES: '2', METRICS_TOKEN: 'scrape-me', WORKER_METRICS_ADDRESS: '0.0.0.0:9464', WORKER_HEALTH_PORT: '3002' });
    expect(set).toMatchObject({ apiProcesses: 2, metricsToken: 'scrape-me', workerMetricsAddress: '0.0.0.0:9464', workerHealthPort: 3002 });
    expect(() => readSettings({ ...base, PARLEY_API_PROCESSES: '0' })).toThrow(/PARLEY_API_PROCESSES/);
    expect(() => readSettings({ ...base, WORKER_METRICS_ADDRESS: '9464' })).toThrow(/WORKER_METRICS_ADDRESS/);
    expect(() => readSettings({ ...base, WORKER_HEALTH_PORT: '70000' })).toThrow(/WORKER_HEALTH_PORT/);
  });
});
