import type { ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { killParleyProcess } from '../../scripts/lib/parley-process.js';
import { testChannelSecretsKey } from './stack.js';

/** What a real API or worker process needs to join the test run's Postgres, Temporal and storage. */
export function testProcessEnvironment(taskQueue: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    CHANNEL_SECRETS_KEY: testChannelSecretsKey,
    STORAGE_LOCAL_DIR: inject('storageDir'),
  };
}

/** The processes a test file started: `kill` one (SIGKILL, waiting for its exit), `killAll` after the file. */
export function processTracker() {
  const children = new Set<ChildProcess>();
  return {
    track: (child: ChildProcess) => void children.add(child),
    kill: async (child: ChildProcess) => {
      await killParleyProcess(child);
      children.delete(child);
    },
    killAll: () => {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
