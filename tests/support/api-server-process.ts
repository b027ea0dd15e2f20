import { spawnParleyProcess } from '../../scripts/lib/parley-process.js';
import type { TestStack } from './stack.js';
import { processTracker, testProcessEnvironment } from './test-processes.js';

/**
 * Real API processes (api/server.ts) on the stack's Postgres, Temporal and task queue, each a
 * separate Node process sharing nothing in memory with the test or each other. `start` resolves once
 * the process listens and hands back `{ app: { request } }`, the shape the test clients take, so
 * `apiClient`, `startVisitor` and `readEventStream` talk to it over real HTTP.
 */
export function apiServerProcesses(stack: () => Pick<TestStack, 'taskQueue'>) {
  const processes = processTracker();
  const start = async (port: number, env: Record<string, string> = {}) => {
    const started = await spawnParleyProcess('api', { ...testProcessEnvironment(stack().taskQueue), API_HOST: '127.0.0.1', API_PORT: String(port), ...env });
    processes.track(started.child);
    const url = `http://127.0.0.1:${port}`;
    return { ...started, url, app: { request: (path: string, init?: RequestInit) => fetch(url + path, init) } };
  };
  return { start, kill: processes.kill, killAll: processes.killAll };
}
