import { spawnParleyProcess } from '../../scripts/lib/parley-process.js';
import type { TestStack } from './stack.js';
import { processTracker, testProcessEnvironment } from './test-processes.js';
import { holdRealWorkerLock } from './real-worker-lock.js';

/**
 * The real worker process (activities/worker.ts) on the stack's task queue, for tests that kill it
 * with SIGKILL. Resolves once the worker says it polls, so the test never guesses how long startup
 * takes; `killAll` ends whatever is still running after the file. `env` adds settings the file's
 * scenario needs. Real worker processes run the sweepers, so the file takes its turn first
 * (holdRealWorkerLock).
 */
export function workerProcesses(stack: () => Pick<TestStack, 'taskQueue'>, env: () => Record<string, string> = () => ({})) {
  const processes = processTracker();
  const start = async () => {
    await holdRealWorkerLock();
    const { child } = await spawnParleyProcess('worker', { ...testProcessEnvironment(stack().taskQueue), ...env() });
    processes.track(child);
    return child;
  };
  return { start, kill: processes.kill, killAll: processes.killAll };
}
