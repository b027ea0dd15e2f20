import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import type { Database, DatabaseOrTransaction } from '../../../db/client.js';
import { findContactByEmail, insertContact } from '../../../db/queries/contacts.js';
import type { InboxRow } from '../../../db/queries/inboxes.js';
import { conversations, inboxes, mailboxStates, messages, type MailServerSettings } from '../../../db/schema/index.js';
import type { ChannelSecrets } from '../../auth/channel-secrets.js';
import { checkUpload, maxAttachmentBytes, safeFileName, uploadHeadBytes } from '../../domain/uploads.js';
import type { BlobStore } from '../../storage/index.js';
import { discardUploads, type StoredUpload } from '../attachments/receive.js';
import { findOrCreateContactInbox, insertConversation } from '../conversations/create.js';
import { recordMessage } from '../messages/record.js';
import { recordAssigneeMessageNotification } from '../notifications/conversation-events.js';
import { scheduleDigests, type DigestDeps } from '../notifications/notify.js';

export type MailboxDependencies = {
  db: Database;
  secrets: ChannelSecrets | undefined;
  storage: BlobStore;
  /** Starts the digest timer of an assignee told of a reply by mail; without it the notification waits for their next digest. */
  digests?: DigestDeps;
};
export type { MailboxPollOutcome as MailboxPollResult } from '../../../workflows/mailbox/definitions.js';
import type { MailboxPollOutcome as MailboxPollResult } from '../../../workflows/mailbox/definitions.js';

/** Mails fetched per poll; the rest come on the next one (straight away: the poller asks again when a batch was full). */
export const mailboxBatchSize = 200;

/** An IMAP client for one inbox's server: implicit TLS when `tls`, otherwise STARTTLS when offered. */
export function imapClient(imap: MailServerSettings, secrets: ChannelSecrets | undefined) {
  if (imap.encryptedPassword && !secrets) throw new Error('CHANNEL_SECRETS_KEY is not set, so the inbox’s IMAP password cannot be read');
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.tls,
    auth: { user: imap.user, pass: imap.encryptedPassword ? secrets!.decrypt(imap.encryptedPassword) : '' },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/**
 * One poll of an email inbox's mailbox: fetches the mails after the last imported UID, imports each
 * (threaded, its sender a contact, its files in the blob store) and records how far it got and the
 * connection state. Safe to repeat: a mail is imported once per inbox by its Message-ID (the
 * messages' unique source id), however often it is fetched again (a retry, a re-poll, the same mail
 * delivered twice, a UIDVALIDITY reset).
 */
export async function pollMailbox(deps: MailboxDependencies, input: { accountId: number; inboxId: number }): Promise<MailboxPollResult> {
  const [inbox] = await deps.db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.accountId, input.accountId), eq(inboxes.id, input.inboxId)));
  if (!inbox || inbox.channelType !== 'email' || !inbox.settings.imap) return { outcome: 'gone' };
  const [state] = await deps.db.select().from(mailboxStates).where(eq(mailboxStates.inboxId, inbox.id));
  let client: ImapFlow | undefined;
  try {
    client = imapClient(inbox.settings.imap, deps.secrets);
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    let imported = 0;
    let more = false;
    let lastUid = 0;
    let uidValidity = 0;
    try {
      const mailbox = client.mailbox;
      uidValidity = mailbox ? Number(mailbox.uidValidity) : 0;
      // UIDs of another UIDVALIDITY mean nothing here: start over; Message-IDs keep it from importing twice.
      const after = state && state.uidValidity === uidValidity ? state.lastUid : 0;
      lastUid = after;
      const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
      // `n:*` always names the newest mail, even one below n.
      const waiting = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
      const batch = waiting.slice(0, mailboxBatchSize);
      more = waiting.length > batch.length;
      const fetched: Array<{ uid: number; source: Buffer }> = [];
      if (batch.length) {
        for await (const mail of client.fetch(batch.join(','), { uid: true, source: true }, { uid: true })) if (mail.source) fetched.push({ uid: mail.uid, source: mail.source });
      }
      for (const mail of fetched.sort((a, b) => a.uid - b.uid)) {
        if (await importMail(deps, inbox, mail.source, `<imap-${uidValidity}-${mail.uid}@inbox-${inbox.id}.parley.invalid>`)) imported += 1;
        lastUid = mail.uid;
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await recordMailboxState(deps.db, inbox, { state: 'connected', lastError: null, uidValidity, lastUid });
    return { outcome: 'imported', imported, more };
  } catch (error) {
    client?.close();
    const message = describeImapError(error);
    await recordMailboxState(deps.db, inbox, { state: 'failing', lastError: message });
    return { outcome: 'failing', error: message };
  }
}

/** imapflow's errors carry the server's words in `responseText`; a bare "Command failed" says little. */
export function describeImapError(error: unknown): string {
  const details = error as { responseText?: string; code?: string; message?: string };
  return (details.responseText || details.message || details.code || 'IMAP error').slice(0, 500);
}

async function recordMailboxState(
  db: DatabaseOrTransaction,
  inbox: InboxRow,
  change: { state: 'connected' | 'failing'; lastError: string | null; uidValidity?: number; lastUid?: number },
) {
  const failing = change.state === 'failing';
  await db
    .insert(mailboxStates)
    .values({
      inboxId: inbox.id,
      accountId: inbox.accountId,
      state: change.state,
      lastError: change.lastError,
      failingSince: failing ? new Date() : null,
      lastCheckedAt: new Date(),
      uidValidity: change.uidValidity ?? null,
      lastUid: change.lastUid ?? 0,
    })
    .onConflictDoUpdate({
      target: mailboxStates.inboxId,
      set: {
        state: change.state,
        lastError: change.lastError,
        // "Failing since" keeps the first failure of a run of them.
        failingSince: failing ? sql`coalesce(${mailboxStates.failingSince}, now())` : null,
        lastCheckedAt: new Date(),
        updatedAt: new Date(),
        ...(change.uidValidity !== undefined ? { uidValidity: change.uidValidity } : {}),
        ...(change.lastUid !== undefined ? { lastUid: change.lastUid } : {}),
      },
    });
}

const firstAddress = (field: AddressObject | AddressObject[] | undefined) => (Array.isArray(field) ? field[0] : field)?.value[0];
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => entry.address).filter((address): address is string => Boolean(address)));
const messageIdsIn = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).filter((id) => id.startsWith('<'));

/** HTML from mail, safe to show: no scripts, styles, forms or event handlers; links and images over http(s) only. */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
    allowedAttributes: { ...sanitizeHtml.defaults.allowedAttributes, img: ['src', 'alt', 'width', 'height'], '*': ['style'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowedStyles: { '*': { color: [/^[#a-z0-9(),.\s%]+$/i], 'text-align': [/^(left|right|center|justify)$/], 'font-weight': [/^(bold|normal|\d{3})$/] } },
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  });
}

/**
 * Imports one mail into the inbox unless its Message-ID is already there: a reply (In-Reply-To /
 * References naming a message of this inbox) lands in that message's conversation, anything else
 * opens a new one with the sender as its contact. Files go to the blob store first, then the rows
 * are written in one transaction, so a crash leaves at most an orphan file. Returns whether it imported.
 */
export async function importMail(deps: MailboxDependencies, inbox: InboxRow, source: Buffer, fallbackMessageId: string): Promise<boolean> {
  const parsed = await simpleParser(source, { skipImageLinks: true });
  const sourceId = parsed.messageId?.trim() || fallbackMessageId;
  if (await mailImported(deps.db, inbox.id, sourceId)) return false;
  const files = await storeMailFiles(deps.storage, parsed);
  try {
    const imported = await deps.db.transaction(async (tx) => {
      const sender = firstAddress(parsed.from);
      const senderEmail = sender?.address?.trim().toLowerCase();
      if (!senderEmail) return null;
      const contact = (await findContactByEmail(tx, { accountId: inbox.accountId, email: senderEmail })) ?? (await insertContact(tx, { accountId: inbox.accountId, name: sender?.name || senderEmail, email: senderEmail }));
      const conversation =
        (await findThreadConversation(tx, inbox.id, [...messageIdsIn(parsed.inReplyTo), ...messageIdsIn(parsed.references).reverse()])) ??
        (await insertConversation(tx, {
          accountId: inbox.accountId,
          inboxId: inbox.id,
          contactId: contact.id,
          contactInboxId: (await findOrCreateContactInbox(tx, { contactId: contact.id, inboxId: inbox.id, sourceId: senderEmail })).id,
          additionalAttributes: { mailSubject: parsed.subject ?? '' },
        }));
      const html = typeof parsed.html === 'string' ? parsed.html : null;
      const content = (parsed.text ?? '').trim() || (html ? sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim() : '') || null;
      const stored = await recordMessage(tx, {
        conversation,
        messageType: 'incoming',
        contentType: 'incoming_email',
        content,
        contentAttributes: {
          email: {
            subject: parsed.subject ?? null,
            from: addresses(parsed.from),
            to: addresses(parsed.to),
            cc: addresses(parsed.cc),
            message_id: sourceId,
            in_reply_to: parsed.inReplyTo ?? null,
            date: parsed.date?.toISOString() ?? null,
            html_content: html ? { full: sanitizeMailHtml(html) } : null,
          },
        },
        sourceId,
        sender: { type: 'contact', id: contact.id },
        files,
      });
      // The same mail imported at the same moment by another poll: the unique source id kept one.
      if (!stored.created) return null;
      // A reply into a conversation someone holds tells them, as a customer's message over the API does.
      return { digestUserIds: await recordAssigneeMessageNotification(tx, { conversationId: conversation.id, messageId: stored.id, senderUserId: null, isPrivate: false, preview: content }) };
    });
    if (!imported) {
      await discardUploads(deps.storage, files);
      return false;
    }
    if (deps.digests) await scheduleDigests(deps.digests, imported.digestUserIds);
    return true;
  } catch (error) {
    await discardUploads(deps.storage, files);
    // Two polls racing on one mail: the loser's insert hits the unique source id; the mail is in.
    if (await mailImported(deps.db, inbox.id, sourceId)) return false;
    throw error;
  }
}

async function mailImported(db: DatabaseOrTransaction, inboxId: number, sourceId: string) {
  const [row] = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.inboxId, inboxId), eq(messages.sourceId, sourceId))).limit(1);
  return row !== undefined;
}

/** The conversation of the newest message in this inbox whose Message-ID the mail refers to. */
async function findThreadConversation(db: DatabaseOrTransaction, inboxId: number, referencedIds: string[]) {
  if (referencedIds.length === 0) return undefined;
  const [row] = await db
    .select({ conversation: conversations })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.inboxId, inboxId), inArray(messages.sourceId, referencedIds)))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  return row?.conversation;
}

/** A mail's attachments, into the blob store; a type Parley does not accept is kept as a plain download. */
async function storeMailFiles(storage: BlobStore, parsed: ParsedMail): Promise<StoredUpload[]> {
  const stored: StoredUpload[] = [];
  try {
    for (const attachment of parsed.attachments.slice(0, 15)) {
      if (attachment.size > maxAttachmentBytes || attachment.related) continue;
      const fileName = safeFileName(attachment.filename ?? 'attachment');
      const check = checkUpload({ name: fileName, type: attachment.contentType, head: attachment.content.subarray(0, uploadHeadBytes), byteSize: attachment.size });
      const storageKey = `attachments/${randomBytes(24).toString('base64url')}`;
      await storage.put(storageKey, Readable.from([attachment.content]));
      stored.push({
        storageKey,
        fileName,
        contentType: check.ok ? check.contentType : 'application/octet-stream',
        fileType: check.ok ? check.fileType : 'file',
        byteSize: attachment.size,
      });
    }
    return stored;
  } catch (error) {
    await discardUploads(storage, stored);
    throw error;
  }
}
