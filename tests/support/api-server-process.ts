import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { inject } from 'vitest';
import { projectRoot } from '../../scripts/lib/paths.js';
import { testChannelSecretsKey, type TestStack } from './stack.js';
import { deferred } from './wait.js';

/**
 * Real API processes (api/server.ts) on the stack's Postgres, Temporal and task queue, each a
 * separate Node process sharing nothing in memory with the test or each other. `start` resolves once
 * the process listens and hands back `{ app: { request } }`, the shape the test clients take, so
 * `apiClient`, `startVisitor` and `readEventStream` talk to it over real HTTP.
 */
export function apiServerProcesses(stack: () => Pick<TestStack, 'taskQueue'>) {
  const children = new Set<ChildProcess>();
  const start = async (port: number, env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: stack().taskQueue,
        CHANNEL_SECRETS_KEY: testChannelSecretsKey,
        STORAGE_LOCAL_DIR: inject('storageDir'),
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const listening = deferred();
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[api] listening on')) listening.resolve();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = once(child, 'exit').then(() => {
      throw new Error(`the API process exited before listening:\n${output}`);
    });
    await Promise.race([listening.promise, exited]);
    exited.catch(() => {});
    const url = `http://127.0.0.1:${port}`;
    return {
      child,
      url,
      output: () => output,
      app: { request: (path: string, init?: RequestInit) => fetch(url + path, init) },
    };
  };
  const kill = async (child: ChildProcess) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    children.delete(child);
  };
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  return { start, kill, killAll };
}
