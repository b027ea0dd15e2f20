import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './paths.js';

export const consoleEntry = path.join(projectRoot, 'web/build/index.js');

/** True when no build exists or a console source file is newer than it. */
export async function consoleBuildIsStale(): Promise<boolean> {
  const built = await stat(consoleEntry).then((s) => s.mtimeMs, () => 0);
  if (!built) return true;
  const webFolder = path.join(projectRoot, 'web');
  for (const file of await readdir(webFolder, { recursive: true })) {
    if (file.startsWith('build') || file.startsWith('.svelte-kit') || file.includes('node_modules')) continue;
    if ((await stat(path.join(webFolder, file))).mtimeMs > built) return true;
  }
  return false;
}

/** Runs `vite build` for the console with the running Node (24), streaming its output to `log`. */
export async function buildConsole(log: (line: string) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`console build failed (exit ${code})`))));
  });
}
