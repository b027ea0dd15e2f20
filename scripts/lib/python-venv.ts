import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs';
import path from 'node:path';

const isExecutable = (file: string) => new Promise<boolean>((resolve) => access(file, constants.X_OK, (error) => resolve(!error)));

/**
 * A pinned PyPI tool in a virtualenv of this clone (`.cache/<name>`), installed the first time on a
 * machine and reused afterwards; PyPI is reachable where the npm registry is, so nothing needs
 * installing by hand beyond Python 3 with venv. Resolves to the tool's executable.
 */
export async function ensureVenvTool(tool: {
  /** The virtualenv's folder. */
  environment: string;
  /** The pinned requirement, e.g. `moto[server]==5.2.5`. */
  requirement: string;
  /** The executable's name inside the virtualenv's `bin/`. */
  executable: string;
  /** What needs it, for the error message: "The S3 storage tests". */
  neededBy: string;
  log?: (line: string) => void;
}): Promise<string> {
  const executable = path.join(tool.environment, 'bin', tool.executable);
  if (await isExecutable(executable)) return executable;
  const folder = path.relative(process.cwd(), tool.environment) || tool.environment;
  const hint = venvInstallHint(tool.environment, tool.requirement);
  tool.log?.(`installing ${tool.requirement} into ${folder} (once per clone)…`);
  try {
    await run('python3', ['-m', 'venv', tool.environment]);
    await run(path.join(tool.environment, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', tool.requirement]);
  } catch (error) {
    throw new Error(`${tool.neededBy} need ${tool.requirement} and installing it failed (${(error as Error).message}). Install it by hand with: ${hint}`);
  }
  if (!(await isExecutable(executable))) throw new Error(`${tool.requirement} installed, but ${executable} is missing. Install it by hand with: ${hint}`);
  tool.log?.(`${tool.requirement} installed.`);
  return executable;
}

export const venvInstallHint = (environment: string, requirement: string) => `python3 -m venv ${environment} && ${path.join(environment, 'bin', 'pip')} install '${requirement}'`;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0]} exited ${code}: ${output.trim()}`))));
  });
}
