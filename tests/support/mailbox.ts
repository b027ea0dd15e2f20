import { startSmtpSink, type ReceivedMail } from '../../scripts/lib/mail-sink.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';

/** The development mail sink on a free port, keeping what it receives in memory for the test to read. */
export async function startMailbox() {
  const received: ReceivedMail[] = [];
  const sink = await startSmtpSink({ port: await freePort(), onMail: (mail) => void received.push(mail) });
  return {
    url: sink.url,
    received,
    mailTo: (address: string) => received.filter((mail) => mail.to.includes(address)),
    close: sink.stop,
  };
}

/** The plain-text body, with quoted-printable soft line breaks joined again. */
export const bodyOf = (mail: ReceivedMail) => mail.raw.toString('utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
