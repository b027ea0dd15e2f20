import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { freePort } from '../../scripts/lib/temporal-cli.js';

export type ReceivedMail = { to: string[]; raw: string; session: SMTPServerSession };

/** What the server answers a mail it has read in full: accept it, or refuse with an SMTP reply. */
export type SmtpVerdict = { accept: true } | { accept: false; code: number; message: string };

/**
 * A real SMTP server on loopback whose answer to each mail a test decides (`decide`), keeping only
 * the mails it accepted. A decision may wait (a test holding a send mid-way); a client that hangs
 * up before the answer has sent nothing, as with any SMTP server.
 */
export async function startTestSmtpServer(options: { decide?: (attempt: number, mail: ReceivedMail) => SmtpVerdict | Promise<SmtpVerdict> } = {}) {
  const accepted: ReceivedMail[] = [];
  const logins: Array<{ username: string; password: string }> = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain text on loopback: inboxes log in as they would over TLS, with the password they stored.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        attempts += 1;
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'), session };
        const verdict = options.decide ? await options.decide(attempts, mail) : { accept: true as const };
        if (verdict.accept) {
          accepted.push(mail);
          callback();
        } else {
          callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
        }
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port,
    accepted,
    logins,
    get attempts() {
      return attempts;
    },
    /** The header's value in a raw mail, unfolded. */
    header: (mail: ReceivedMail, name: string) => new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(mail.raw)?.[1].replace(/\r?\n[ \t]+/g, ' ').trim(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;
