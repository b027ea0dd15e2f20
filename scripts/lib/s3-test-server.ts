import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { projectRoot } from './paths.js';
import { freePort, stopChild, waitForPort } from './temporal-cli.js';

/** Where `.ci/run` installs moto's S3-compatible server (PyPI `moto[server]`, in a virtualenv). */
export const motoServerPath = path.join(projectRoot, '.cache', 'moto', 'bin', 'moto_server');
export const motoInstallHint = "python3 -m venv .cache/moto && .cache/moto/bin/pip install 'moto[server]'";

const credentials = { accessKeyId: 'parley-test', secretAccessKey: 'parley-test-secret' };

/**
 * A real S3-compatible server on loopback for the storage tests (moto keeps objects in memory),
 * with one bucket. Refuses to start, saying how to install it, rather than letting tests skip.
 */
export async function startS3TestServer() {
  const installed = await new Promise<boolean>((resolve) => access(motoServerPath, constants.X_OK, (error) => resolve(!error)));
  if (!installed) throw new Error(`The S3 storage tests need moto's server at ${motoServerPath}. Install it with: ${motoInstallHint}`);
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
