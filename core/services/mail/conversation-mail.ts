import nodemailer from 'nodemailer';
import { asc, inArray } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import type { ContactRow } from '../../../db/queries/contacts.js';
import type { InboxRow } from '../../../db/queries/inboxes.js';
import { listConversationSourceIds, type MessageRow } from '../../../db/queries/messages.js';
import { findSignatureFor } from '../../../db/queries/signatures.js';
import { attachments, type MailServerSettings } from '../../../db/schema/index.js';
import type { ChannelSecrets } from '../../auth/channel-secrets.js';
import type { BlobStore } from '../../storage/index.js';
import { escapeHtml } from '../../domain/html.js';

/** The channel refused for good (a 5xx reply, no recipient, no server): retrying cannot help. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * The Message-ID of an outgoing message, derived from ids only: every attempt at sending it (a
 * retry after a crash mid-send included) carries the same one, so receivers and threads see one mail.
 */
export function outgoingMessageId(conversation: Pick<ConversationRow, 'uuid'>, message: Pick<MessageRow, 'id'>, inboxEmail: string): string {
  const domain = inboxEmail.split('@')[1] || 'parley.local';
  return `<conversation/${conversation.uuid}/messages/${message.id}@${domain}>`;
}

/** "Re: " once, as mail clients do, for every mail after the first of a thread. */
export const replySubject = (subject: string) => (/^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`);

const addressList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []).map((address) => String(address).trim()).filter(Boolean);


export type ConversationMail = {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  inReplyTo?: string;
  references: string[];
  text: string;
  html?: string;
};

/** The inbox as a sender: its name (quotes and line breaks dropped) and address. */
export const inboxFromAddress = (inbox: Pick<InboxRow, 'name'>, email: string) => `"${inbox.name.replace(/["\\\r\n]/g, '')}" <${email}>`;

/**
 * The mail an agent's message becomes: from the inbox's address, to the contact (or the addresses
 * the message names, Chatwoot's `to_emails` / `cc_emails` / `bcc_emails`), with the conversation's
 * subject, threaded on the conversation's earlier mails, ending with the agent's signature.
 */
export async function composeConversationMail(
  db: DatabaseOrTransaction,
  { message, conversation, inbox, contact }: { message: MessageRow; conversation: ConversationRow; inbox: InboxRow; contact: ContactRow },
): Promise<ConversationMail> {
  const inboxEmail = inbox.settings.email;
  if (!inboxEmail) throw new PermanentDeliveryError('The inbox has no email address');
  const attributes = message.contentAttributes;
  const explicitTo = addressList(attributes.to_emails);
  const to = explicitTo.length ? explicitTo : contact.email ? [contact.email] : [];
  if (to.length === 0) throw new PermanentDeliveryError('The contact has no email address');
  const thread = await listConversationSourceIds(db, { conversationId: conversation.id, beforeId: message.id });
  const subject = conversation.additionalAttributes.mailSubject?.trim() || `Conversation #${conversation.displayId}`;
  const signature = message.senderType === 'user' ? await findSignatureFor(db, { inboxId: inbox.id, userId: message.senderId }) : null;
  const content = message.content ?? '';
  const text = signature ? `${content}\n\n-- \n${signature}` : content;
  const html = [content, signature ? `-- \n${signature}` : '']
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
  return {
    messageId: outgoingMessageId(conversation, message, inboxEmail),
    from: inboxFromAddress(inbox, inboxEmail),
    to,
    cc: addressList(attributes.cc_emails),
    bcc: addressList(attributes.bcc_emails),
    subject: thread.length ? replySubject(subject) : subject,
    inReplyTo: thread.at(-1),
    // Long threads keep the first and the latest ids, as RFC 5322 suggests trimming.
    references: thread.length > 20 ? [thread[0], ...thread.slice(-19)] : thread,
    text,
    html,
  };
}

/** Sends one mail through the inbox's SMTP server; a 5xx reply becomes PermanentDeliveryError with the server's words. */
export async function sendThroughInboxSmtp(
  deps: { db: DatabaseOrTransaction; secrets: ChannelSecrets | undefined; storage: BlobStore },
  { inbox, mail, attachmentsOf }: { inbox: InboxRow; mail: ConversationMail; attachmentsOf: number[] },
): Promise<void> {
  const smtp = inbox.settings.smtp;
  if (!smtp) throw new PermanentDeliveryError('The inbox has no SMTP server set up');
  const transport = smtpTransport(smtp, deps.secrets);
  try {
    const bodies = await mailAttachments(deps, attachmentsOf);
    await transport.sendMail({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to,
      cc: mail.cc,
      bcc: mail.bcc,
      subject: mail.subject,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      text: mail.text,
      html: mail.html,
      attachments: bodies,
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    if (code !== undefined && code >= 500 && code < 600) throw new PermanentDeliveryError((error as { response?: string }).response ?? (error as Error).message);
    throw error;
  } finally {
    transport.close();
  }
}

/** The files of these messages, streamed from the blob store, as mail attachments. */
export async function mailAttachments(deps: { db: DatabaseOrTransaction; storage: BlobStore }, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  const files = await deps.db
    .select({ fileName: attachments.fileName, contentType: attachments.contentType, storageKey: attachments.storageKey })
    .from(attachments)
    .where(inArray(attachments.messageId, messageIds))
    .orderBy(asc(attachments.id));
  const bodies: Array<{ filename: string; contentType: string; content: Readable }> = [];
  for (const file of files) if (file.storageKey) bodies.push({ filename: file.fileName, contentType: file.contentType, content: await deps.storage.read(file.storageKey) });
  return bodies;
}

/** A transport for one inbox's server: implicit TLS when `tls`, otherwise STARTTLS when offered. */
export function smtpTransport(smtp: MailServerSettings, secrets: ChannelSecrets | undefined) {
  if (smtp.encryptedPassword && !secrets) throw new Error('CHANNEL_SECRETS_KEY is not set, so the inbox’s SMTP password cannot be read');
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.encryptedPassword ? secrets!.decrypt(smtp.encryptedPassword) : '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}
