import nodemailer from 'nodemailer';
import type { Readable } from 'node:stream';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A fixed Message-ID, so a retried send is recognisably the same mail. */
  messageId?: string;
  attachments?: Array<{ filename: string; contentType: string; content: Readable }>;
};

/** Sends system mail (invitations, notices). One transport per process, reused across messages. */
export type Mailer = { send(message: MailMessage): Promise<void> };

/**
 * A mailer over `SMTP_URL` from `MAIL_FROM`. Without an SMTP URL there is nowhere to send to, so
 * sending fails loudly rather than pretending; callers decide whether mail is essential.
 */
export function createMailer({ smtpUrl, from }: { smtpUrl: string | undefined; from: string }): Mailer {
  if (!smtpUrl) {
    return {
      async send() {
        throw new Error('No SMTP_URL is set, so Parley cannot send mail');
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
