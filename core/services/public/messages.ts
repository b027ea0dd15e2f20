import { and, eq, sql } from 'drizzle-orm';
import { findContactConflict } from '../../../db/queries/contacts.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { listConversationMessages, loadMessagesByIds } from '../../../db/queries/messages.js';
import { contacts, messages } from '../../../db/schema/index.js';
import { isDelivered, undeliveredStatuses } from '../../domain/outbound.js';
import { invalid, notFound } from '../../errors.js';
import { captureWebhookEvents, type CapturedChange } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import type { AppDependencies } from '../../context.js';
import type { MessageJson } from '../../serializers/message.js';
import { serializePublicMessage, serializePublicMessages, visibleToVisitor, type PublicMessageJson } from '../../serializers/public.js';
import { prepareMessageBody, storeMessage, type IncomingFile } from '../messages/create.js';
import { findPublicContact, findPublicConversation } from './access.js';

type ConversationScope = { inboxIdentifier: string; contactIdentifier: string; displayId: number };

/** `GET …/conversations/{id}/messages`: the public messages, oldest first; `before` pages back. */
export async function listPublicMessages(deps: Pick<AppDependencies, 'db'>, input: ConversationScope & { before?: number }) {
  const { inbox, contactInbox } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  const rows = await listConversationMessages(deps.db, { accountId: inbox.accountId, conversationId: conversation.id, beforeId: input.before, includePrivate: false, hiddenStatuses: undeliveredStatuses });
  return serializePublicMessages(rows.filter(visibleToVisitor), conversation.displayId);
}

/**
 * `POST …/conversations/{id}/messages`: the visitor writes. Stored as an incoming message from the
 * contact through the same path as every channel, so a resolved or snoozed conversation reopens
 * through its lifecycle; a repeated echo_id returns the first message.
 */
export async function createPublicMessage(
  deps: AppDependencies,
  input: ConversationScope & { content?: string | null; echoId?: string; files?: IncomingFile[] },
): Promise<PublicMessageJson> {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  const body = prepareMessageBody({ content: input.content, files: input.files });
  const stored = await storeMessage(deps, {
    conversation,
    messageType: 'incoming',
    content: body.content,
    files: body.files,
    uploadedByContactId: contact.id,
    echoId: input.echoId,
    sender: { type: 'contact', id: contact.id },
  });
  return publicMessageFromJson(stored);
}

/** The Application API's message JSON narrowed to the public shape (the visitor's own message is never private). */
export function publicMessageFromJson(message: MessageJson): PublicMessageJson {
  return {
    id: message.id,
    content: message.content,
    message_type: message.message_type,
    content_type: message.content_type,
    content_attributes: message.content_attributes,
    created_at: message.created_at,
    conversation_id: message.conversation_id,
    status: message.status,
    echo_id: message.echo_id,
    attachments: message.attachments,
    sender: message.sender ? { id: message.sender.id, name: message.sender.name, type: message.sender.type, avatar_url: '' } : null,
  };
}

/** Messages that ask the visitor something; only these take an answer through the client API. */
const answerableContentTypes = ['input_email', 'form', 'cards'] as const;

/**
 * `PATCH …/conversations/{id}/messages/{message_id}`: the visitor answers a message that asked for
 * input (Chatwoot's widget and SDK shapes): an e-mail card (`contact.email`, stored as
 * `submitted_email` and given to the contact when it has none yet) or a form / cards message
 * (`submitted_values`). The answer, the live event (console and widget show it at once) and the
 * message_updated webhook event commit together.
 */
export async function answerPublicMessage(
  deps: AppDependencies,
  input: ConversationScope & { messageId: number; submittedValues?: unknown; email?: string },
): Promise<PublicMessageJson> {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  const webhookEvents = await deps.db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.id, input.messageId), eq(messages.private, false)))
      .for('update');
    if (!message || !isDelivered(message.status)) throw notFound('Message');
    if (!(answerableContentTypes as readonly string[]).includes(message.contentType)) {
      throw invalid('content_type', `Only a message asking for input (${answerableContentTypes.join(', ')}) can be answered; this one is ${message.contentType}`);
    }
    const attributes = { ...message.contentAttributes };
    const captured: CapturedChange[] = [];
    if (message.contentType === 'input_email') {
      if (!input.email) throw invalid('contact.email', 'Send the visitor’s e-mail address as contact.email');
      attributes.submitted_email = input.email;
      const taken = await findContactConflict(tx, { accountId: inbox.accountId, exceptId: contact.id, email: input.email });
      if (!contact.email && !taken) {
        await tx.update(contacts).set({ email: input.email, updatedAt: sql`now()` }).where(eq(contacts.id, contact.id));
        captured.push({ event: 'contact_updated', subject: { contactId: contact.id, changedAttributes: { email: { previous_value: null, current_value: input.email } } } });
      }
    } else {
      if (input.submittedValues === undefined) throw invalid('submitted_values', 'Send the answers as submitted_values');
      attributes.submitted_values = input.submittedValues;
    }
    await tx.update(messages).set({ contentAttributes: attributes, updatedAt: sql`now()` }).where(eq(messages.id, message.id));
    await publishLiveEvent(tx, { type: 'message.updated', accountId: inbox.accountId, inboxId: inbox.id, conversationId: conversation.id, messageId: message.id });
    captured.push({ event: 'message_updated', subject: { conversationId: conversation.id, messageId: message.id, inboxId: inbox.id } });
    return captureWebhookEvents(tx, inbox.accountId, captured);
  });
  drainWebhookEventsSoon(webhookDrainDeps(deps), webhookEvents);
  const [loaded] = await loadMessagesByIds(deps.db, { accountId: inbox.accountId, ids: [input.messageId] });
  const json = loaded ? serializePublicMessage(loaded, conversation.displayId) : null;
  if (!json) throw notFound('Message');
  return json;
}
