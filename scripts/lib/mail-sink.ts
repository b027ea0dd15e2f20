import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that accepts every message and keeps it as an .eml file, so outgoing mail in
 * development is real SMTP that never leaves the machine.
 */
export async function startMailSink(options: { port: number; folder: string; log?: (line: string) => void }) {
  await mkdir(options.folder, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        count += 1;
        const file = path.join(options.folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`);
        await writeFile(file, Buffer.concat(chunks));
        options.log?.(`mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')} → ${file}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return { url: `smtp://127.0.0.1:${options.port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
