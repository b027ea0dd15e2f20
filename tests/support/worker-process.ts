import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { inject } from 'vitest';
import { projectRoot } from '../../scripts/lib/paths.js';
import { testChannelSecretsKey, type TestStack } from './stack.js';
import { holdRealWorkerLock } from './real-worker-lock.js';
import { deferred } from './wait.js';

/**
 * The real worker process (activities/worker.ts) on the stack's task queue, for tests that kill it
 * with SIGKILL. Resolves once the worker says it polls, so the test never guesses how long startup
 * takes; `killAll` ends whatever is still running after the file. `env` adds settings the file's
 * scenario needs. Real worker processes run the sweepers, so the file takes its turn first
 * (holdRealWorkerLock).
 */
export function workerProcesses(stack: () => Pick<TestStack, 'taskQueue'>, env: () => Record<string, string> = () => ({})) {
  const children = new Set<ChildProcess>();
  const start = async () => {
    await holdRealWorkerLock();
    const child = spawn(process.execPath, ['--import', 'tsx', 'activities/worker.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: stack().taskQueue,
        CHANNEL_SECRETS_KEY: testChannelSecretsKey,
        STORAGE_LOCAL_DIR: inject('storageDir'),
        ...env(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const polling = deferred();
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[worker] polling task queue')) polling.resolve();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = once(child, 'exit').then(() => {
      throw new Error(`worker exited before polling:\n${output}`);
    });
    await Promise.race([polling.promise, exited]);
    exited.catch(() => {});
    return child;
  };
  const kill = async (child: ChildProcess) => {
    child.kill('SIGKILL');
    await once(child, 'exit');
    children.delete(child);
  };
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  return { start, kill, killAll };
}
