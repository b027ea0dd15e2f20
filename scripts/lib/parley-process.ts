import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { projectRoot } from './paths.js';

export type ParleyRole = 'api' | 'worker';

const entries: Record<ParleyRole, { file: string; readyLine: string }> = {
  api: { file: 'api/server.ts', readyLine: '[api] listening on' },
  worker: { file: 'activities/worker.ts', readyLine: '[worker] polling task queue' },
};

export type ParleyProcess = { role: ParleyRole; child: ChildProcess; output: () => string };

/**
 * One real Parley process (the API server or a worker), as deployments run it: its own Node
 * process, configured only by `env`. Resolves once it says it is serving, so callers never guess
 * how long startup takes; rejects with its output if it exits first.
 */
export async function spawnParleyProcess(role: ParleyRole, env: NodeJS.ProcessEnv): Promise<ParleyProcess> {
  const { file, readyLine } = entries[role];
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes(readyLine)) markReady();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = once(child, 'exit').then(() => {
    throw new Error(`${file} exited before serving:\n${output}`);
  });
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  return { role, child, output: () => output };
}

/** SIGKILL, as a crash or an OOM kill ends a process: no shutdown hooks run. */
export async function killParleyProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
