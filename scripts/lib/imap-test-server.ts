import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './paths.js';
import { freePort, stopChild, waitForPort } from './temporal-cli.js';

/** GreenMail's standalone server (Maven Central, pinned and checked by its SHA-1), a real IMAP server in one jar; needs Java 17. */
const greenMailVersion = '2.1.13';
const greenMailSha1 = '6c84bc84e76784674d07b294dc4933619de35bba';
const greenMailUrl = `https://repo1.maven.org/maven2/com/icegreen/greenmail-standalone/${greenMailVersion}/greenmail-standalone-${greenMailVersion}.jar`;
export const greenMailJarPath = path.join(projectRoot, '.cache', 'greenmail', `greenmail-standalone-${greenMailVersion}.jar`);

const sha1Of = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** Downloads the jar into `.cache/greenmail` the first time on a clone (11 MB), refusing a body whose hash differs. */
export async function ensureGreenMail(log: (line: string) => void = () => {}): Promise<string> {
  const present = await access(greenMailJarPath).then(
    () => true,
    () => false,
  );
  if (present && sha1Of(await readFile(greenMailJarPath)) === greenMailSha1) return greenMailJarPath;
  log(`IMAP test server: downloading GreenMail ${greenMailVersion} from Maven Central into .cache/greenmail (once per clone)…`);
  const response = await fetch(greenMailUrl).catch((error: Error) => {
    throw new Error(`The IMAP tests need GreenMail and downloading it failed (${error.message}); fetch ${greenMailUrl} into ${greenMailJarPath}`);
  });
  if (!response.ok) throw new Error(`Downloading GreenMail answered ${response.status}; fetch ${greenMailUrl} into ${greenMailJarPath}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (sha1Of(body) !== greenMailSha1) throw new Error(`The downloaded GreenMail jar does not have the pinned SHA-1 ${greenMailSha1}`);
  await mkdir(path.dirname(greenMailJarPath), { recursive: true });
  await writeFile(`${greenMailJarPath}.partial`, body);
  await rename(`${greenMailJarPath}.partial`, greenMailJarPath);
  return greenMailJarPath;
}

/**
 * A real IMAP server on loopback (GreenMail, mail kept in memory) for the inbound-mail tests. Every
 * login is accepted and gets a mailbox of its own, so test files isolate by user name.
 */
export async function startImapTestServer(log?: (line: string) => void) {
  const jar = await ensureGreenMail(log);
  const port = await freePort();
  const child = spawn(
    'java',
    [
      `-Dgreenmail.imap.hostname=127.0.0.1`,
      `-Dgreenmail.imap.port=${port}`,
      // Any user name and password log in, creating the user's mailbox.
      '-Dgreenmail.auth.disabled',
      '-Dgreenmail.startup.timeout=30000',
      '-jar',
      jar,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.once('error', (error) => collect(Buffer.from(`\n${error.message} (is Java 17 installed?)`)));
  try {
    await waitForPort(port, 60_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`GreenMail did not start: ${(error as Error).message}\n${output}`);
  }
  return { host: '127.0.0.1', port, stop: () => stopChild(child) };
}
