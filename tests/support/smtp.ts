import { startSmtpSink, type ReceivedMail as SinkMail } from '../../scripts/lib/mail-sink.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';

export type ReceivedMail = Omit<SinkMail, 'raw'> & { raw: string };

/** What the server answers a mail it has read in full: accept it, or refuse with an SMTP reply. */
export type SmtpVerdict = { accept: true } | { accept: false; code: number; message: string };

/**
 * The mail sink on a free port whose answer to each mail a test decides (`decide`), keeping only
 * the mails it accepted and the logins it saw. A decision may wait (a test holding a send mid-way).
 */
export async function startTestSmtpServer(options: { decide?: (attempt: number, mail: ReceivedMail) => SmtpVerdict | Promise<SmtpVerdict> } = {}) {
  const accepted: ReceivedMail[] = [];
  const logins: Array<{ username: string; password: string }> = [];
  let attempts = 0;
  const port = await freePort();
  const sink = await startSmtpSink({
    port,
    onLogin: (login) => void logins.push(login),
    async onMail(received) {
      attempts += 1;
      const mail = { ...received, raw: received.raw.toString('utf8') };
      const verdict = options.decide ? await options.decide(attempts, mail) : { accept: true as const };
      if (!verdict.accept) return { code: verdict.code, message: verdict.message };
      accepted.push(mail);
    },
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
    close: sink.stop,
  };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;
