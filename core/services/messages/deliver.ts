import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { updateMessageDelivery } from '../../../db/queries/messages.js';
import { contacts, conversations, inboxes, messages } from '../../../db/schema/index.js';
import type { ChannelSecrets } from '../../auth/channel-secrets.js';
import type { BlobStore } from '../../storage/index.js';
import { composeConversationMail, inboxFromAddress, mailAttachments, outgoingMessageId, PermanentDeliveryError, sendThroughInboxSmtp } from '../mail/conversation-mail.js';
import type { Mailer } from '../mail/mailer.js';
import { composeTranscript, transcriptRecipientAttribute } from '../conversations/transcript.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import type { InboxRow } from '../../../db/queries/inboxes.js';
import type { MessageRow } from '../../../db/queries/messages.js';

export type DeliveryDependencies = {
  db: Database;
  secrets: ChannelSecrets | undefined;
  storage: BlobStore;
  mailer?: Mailer;
  /** Sends the webhook events captured when the message became `sent` right away; without it the worker's sweeper does shortly. */
  drainWebhookEvents?: (outboxIds: number[]) => void;
};
export type DeliveryOutcome = 'sent' | 'interrupted' | 'failed' | 'gone';

/**
 * Delivers one outgoing message through its inbox's channel, safe to run again at any point:
 * the recorded state is checked first (sent, interrupted or gone: nothing to do), a message whose
 * window is over is claimed (`scheduled` → `queued`, the write an interrupt races against), the
 * channel sends — email over SMTP under the message's deterministic Message-ID; the widget and API
 * channels have nothing to send, for them being `sent` is being visible — and `sent` is recorded.
 * `duringSend` runs while the channel works (the activity heartbeats there).
 */
export async function deliverOutgoingMessage(
  deps: DeliveryDependencies,
  input: { accountId: number; messageId: number },
  duringSend: <T>(send: () => Promise<T>) => Promise<T> = (send) => send(),
): Promise<DeliveryOutcome> {
  const [row] = await deps.db
    .select({ message: messages, conversation: conversations, inbox: inboxes, contact: contacts })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(inboxes, eq(inboxes.id, messages.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(messages.accountId, input.accountId), eq(messages.id, input.messageId)))
    .limit(1);
  if (!row) return 'gone';
  const { status } = row.message;
  if (status === 'interrupted' || status === 'failed') return status;
  if (status !== 'scheduled' && status !== 'queued') return 'sent';
  if (status === 'scheduled') {
    const claimed = await updateMessageDelivery(deps.db, { accountId: input.accountId, messageId: input.messageId, from: ['scheduled'] }, { status: 'queued' });
    // Interrupted at the last moment: the interrupt won the row, nothing is sent.
    if (!claimed) return deliverOutgoingMessage(deps, input, duringSend);
  }
  let sourceId: string | undefined;
  const transcriptTo = row.message.contentAttributes[transcriptRecipientAttribute];
  if (typeof transcriptTo === 'string') {
    await duringSend(() => sendTranscript(deps, row, transcriptTo));
  } else if (row.inbox.channelType === 'email') {
    const mail = await composeConversationMail(deps.db, row);
    await duringSend(() => sendThroughInboxSmtp(deps, { inbox: row.inbox, mail, attachmentsOf: [row.message.id] }));
    sourceId = mail.messageId;
  }
  const sent = await updateMessageDelivery(deps.db, { accountId: input.accountId, messageId: input.messageId, from: ['queued'] }, { status: 'sent', sourceId });
  if (sent?.webhookEventId != null) deps.drainWebhookEvents?.([sent.webhookEventId]);
  return 'sent';
}

/**
 * A transcript goes out through the inbox's own SMTP server when it has one (an email inbox), else
 * as system mail; its Message-ID is fixed by the request's message id, like any outgoing mail.
 */
async function sendTranscript(deps: DeliveryDependencies, row: { message: MessageRow; conversation: ConversationRow; inbox: InboxRow }, to: string) {
  const transcript = await composeTranscript(deps.db, row.conversation, row.message.id);
  const messageId = outgoingMessageId(row.conversation, row.message, row.inbox.settings.email ?? 'transcripts@parley.local');
  if (row.inbox.settings.smtp && row.inbox.settings.email) {
    const mail = { messageId, from: inboxFromAddress(row.inbox, row.inbox.settings.email), to: [to], cc: [], bcc: [], subject: transcript.subject, references: [], text: transcript.text };
    await sendThroughInboxSmtp(deps, { inbox: row.inbox, mail, attachmentsOf: transcript.messageIds });
    return;
  }
  if (!deps.mailer) throw new PermanentDeliveryError('No SMTP_URL is set for system mail, and the inbox has no SMTP server');
  await deps.mailer.send({ to, subject: transcript.subject, text: transcript.text, messageId, attachments: await mailAttachments(deps, transcript.messageIds) });
}

/** Records that the channel refused for good, with its reason, over a message still on its way; its message_updated goes with it. */
export async function markOutgoingMessageFailed(deps: Pick<DeliveryDependencies, 'db' | 'drainWebhookEvents'>, input: { accountId: number; messageId: number; reason: string }) {
  const failed = await updateMessageDelivery(deps.db, { accountId: input.accountId, messageId: input.messageId, from: ['scheduled', 'queued'] }, { status: 'failed', externalError: input.reason });
  if (failed?.webhookEventId != null) deps.drainWebhookEvents?.([failed.webhookEventId]);
}
