import type { ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { killParleyProcess, spawnParleyProcess } from '../../scripts/lib/parley-process.js';
import { testChannelSecretsKey, type TestStack } from './stack.js';
import { holdRealWorkerLock } from './real-worker-lock.js';

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
    const { child } = await spawnParleyProcess('worker', {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: stack().taskQueue,
      CHANNEL_SECRETS_KEY: testChannelSecretsKey,
      STORAGE_LOCAL_DIR: inject('storageDir'),
      ...env(),
    });
    children.add(child);
    return child;
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
