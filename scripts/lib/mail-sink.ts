import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export type ReceivedMail = { to: string[]; raw: Buffer; session: SMTPServerSession };

/** An SMTP reply refusing a mail (e.g. 451 "try later", 550 "no such mailbox"). */
export type SmtpRefusal = { code: number; message: string };

/**
 * An SMTP server on loopback that hands every message to `onMail` before answering the sender, so
 * once a send has returned its message has been kept. `onMail` may answer a refusal instead (and
 * may take its time: a sender that hangs up before the answer has sent nothing). Any login is
 * accepted, in plain text on loopback, and handed to `onLogin`.
 */
export async function startSmtpSink(options: {
  port: number;
  onMail: (mail: ReceivedMail) => void | SmtpRefusal | Promise<void | SmtpRefusal>;
  onLogin?: (login: { username: string; password: string }) => void;
}) {
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      options.onLogin?.({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const refusal = await options.onMail({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks), session });
        if (refusal) callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        else callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return { url: `smtp://127.0.0.1:${options.port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A local SMTP server that accepts every message and keeps it as an .eml file, so outgoing mail in
 * development is real SMTP that never leaves the machine.
 */
export async function startMailSink(options: { port: number; folder: string; log?: (line: string) => void }) {
  await mkdir(options.folder, { recursive: true });
  let count = 0;
  return startSmtpSink({
    port: options.port,
    async onMail(mail) {
      count += 1;
      const file = path.join(options.folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`);
      await writeFile(file, mail.raw);
      options.log?.(`mail to ${mail.to.join(', ')} → ${file}`);
    },
  });
}
