import type { ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { killParleyProcess, spawnParleyProcess } from '../../scripts/lib/parley-process.js';
import { testChannelSecretsKey, type TestStack } from './stack.js';

/**
 * Real API processes (api/server.ts) on the stack's Postgres, Temporal and task queue, each a
 * separate Node process sharing nothing in memory with the test or each other. `start` resolves once
 * the process listens and hands back `{ app: { request } }`, the shape the test clients take, so
 * `apiClient`, `startVisitor` and `readEventStream` talk to it over real HTTP.
 */
export function apiServerProcesses(stack: () => Pick<TestStack, 'taskQueue'>) {
  const children = new Set<ChildProcess>();
  const start = async (port: number, env: Record<string, string> = {}) => {
    const started = await spawnParleyProcess('api', {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: stack().taskQueue,
      CHANNEL_SECRETS_KEY: testChannelSecretsKey,
      STORAGE_LOCAL_DIR: inject('storageDir'),
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      ...env,
    });
    children.add(started.child);
    const url = `http://127.0.0.1:${port}`;
    return { ...started, url, app: { request: (path: string, init?: RequestInit) => fetch(url + path, init) } };
  };
  const kill = async (child: ChildProcess) => {
    await killParleyProcess(child);
    children.delete(child);
  };
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  return { start, kill, killAll };
}
