import { spawn } from 'node:child_process';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { projectRoot } from './paths.js';
import { ensureVenvTool, venvInstallHint } from './python-venv.js';
import { freePort, stopChild, waitForPort } from './temporal-cli.js';

const motoEnvironment = path.join(projectRoot, '.cache', 'moto');
/** moto's S3-compatible server (PyPI `moto[server]`), in a virtualenv of this clone; pinned so every run tests against the same server. */
export const motoServerPath = path.join(motoEnvironment, 'bin', 'moto_server');
const motoRequirement = 'moto[server]==5.2.5';
export const motoInstallHint = venvInstallHint('.cache/moto', motoRequirement);

/** Installs moto into `.cache/moto` the first time on a machine (a minute), so `npm test` needs nothing installed by hand beyond Python 3 with venv. */
export async function ensureMotoServer(log: (line: string) => void = () => {}): Promise<string> {
  return ensureVenvTool({ environment: motoEnvironment, requirement: motoRequirement, executable: 'moto_server', neededBy: 'The S3 storage tests', log: (line) => log(`S3 test server: ${line}`) });
}

const credentials = { accessKeyId: 'parley-test', secretAccessKey: 'parley-test-secret' };

/**
 * A real S3-compatible server on loopback for the storage tests (moto keeps objects in memory),
 * with one bucket. Installs moto on first use; if that fails it refuses to start, saying how to
 * install it, rather than letting tests skip.
 */
export async function startS3TestServer(log?: (line: string) => void) {
  await ensureMotoServer(log);
  const port = await freePort();
  const child = spawn(motoServerPath, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    await waitForPort(port, 30_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`moto_server did not start: ${(error as Error).message}\n${output}`);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const bucket = 'parley-test';
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return { endpoint, bucket, ...credentials, stop: () => stopChild(child) };
}
