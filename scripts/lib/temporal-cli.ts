import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, copyFile, mkdir, readdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './paths.js';

/** The last tag whose go.mod has no `replace` lines, so `go install` can build it from the module proxy. */
export const temporalCliModule = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const temporalCacheDir = path.join(projectRoot, '.cache', 'temporal');
const cachedBinary = path.join(temporalCacheDir, 'bin', 'temporal');
// A per-machine copy too, so a fresh clone on the same machine (CI) does not build it again.
const machineCachedBinary = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'parley', 'temporal-cli-v1.5.1', 'temporal');
const sdkDownloadDir = path.join(temporalCacheDir, 'sdk-download');

type Log = (line: string) => void;

/**
 * Finds a Temporal CLI binary, in this order: TEMPORAL_CLI_PATH; the project's cache (.cache/temporal)
 * or the machine's (~/.cache/parley); `temporal` on PATH; the SDK's own downloader (needs the
 * internet); `go install` from Go modules (cached, so it happens once per machine).
 */
export async function resolveTemporalCli(log: Log = console.log): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
  }
  if (await isExecutable(cachedBinary)) return cachedBinary;
  if (await isExecutable(machineCachedBinary)) return machineCachedBinary;
  const onPath = await findOnPath('temporal');
  if (onPath) return onPath;
  const downloaded = await tryDownloadWithSdk(log);
  if (downloaded) return downloaded;
  return buildWithGo(log);
}

async function tryDownloadWithSdk(log: Log): Promise<string | undefined> {
  const existing = await findBinaryUnder(sdkDownloadDir);
  if (existing) return existing;
  log('Temporal CLI: trying the SDK downloader…');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const environment = await withTimeout(
      TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'cached-download', downloadDir: sdkDownloadDir } } }),
      60_000,
    );
    await environment.teardown();
    return await findBinaryUnder(sdkDownloadDir);
  } catch (error) {
    log(`Temporal CLI: the SDK downloader failed (${(error as Error).message.split('\n')[0]}); building from Go modules instead.`);
    return undefined;
  }
}

async function buildWithGo(log: Log): Promise<string> {
  const go = await findOnPath('go');
  if (!go) {
    throw new Error(
      'No Temporal CLI found. Install Go 1.24 or newer (https://go.dev/dl/) so Parley can build it once, ' +
        'or install the Temporal CLI and put `temporal` on PATH, or set TEMPORAL_CLI_PATH.',
    );
  }
  await mkdir(path.dirname(cachedBinary), { recursive: true });
  log(`Temporal CLI: building ${temporalCliModule} with Go (once per machine; a few minutes)…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(go, ['install', temporalCliModule], {
      env: { ...process.env, GOBIN: path.dirname(cachedBinary), GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let modules = 0;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      modules += (text.match(/go: downloading/g) ?? []).length;
      if (modules > 0 && modules % 25 === 0) log(`Temporal CLI: ${modules} modules downloaded…`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`go install failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
  await mkdir(path.dirname(machineCachedBinary), { recursive: true });
  await copyFile(cachedBinary, machineCachedBinary).catch(() => undefined);
  log(`Temporal CLI: built and cached at ${cachedBinary} (and ${machineCachedBinary})`);
  return cachedBinary;
}

export type RunningTemporal = { address: string; uiUrl?: string; process: ChildProcess; stop: () => Promise<void> };

/** Starts `temporal server start-dev`; with `dbFile` the state survives restarts, without it lives in memory. */
export async function startTemporalDevServer(options: {
  binary: string;
  port: number;
  uiPort?: number;
  dbFile?: string;
  log?: Log;
}): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn', '--namespace', 'default'];
  if (options.dbFile) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => options.log?.(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => options.log?.(chunk.toString().trim()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`temporal dev server exited early (code ${code})`))));
  await Promise.race([waitForPort(options.port, 60_000), exited]);
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    process: child,
    stop: () => stopChild(child),
  };
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(() => true, () => false);
}

async function findOnPath(command: string): Promise<string | undefined> {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function findBinaryUnder(folder: string): Promise<string | undefined> {
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  for (const entry of entries) {
    const candidate = path.join(folder, entry);
    if (/^temporal(-cli)?[^/]*$/.test(path.basename(entry)) && !entry.endsWith('.tar.gz') && (await isExecutable(candidate))) return candidate;
  }
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then((value) => (clearTimeout(timer), resolve(value)), (error) => (clearTimeout(timer), reject(error)));
  });
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
    server.on('error', reject);
  });
}
