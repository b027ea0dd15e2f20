import { listConversationMessages } from '../../../db/queries/messages.js';
import { undeliveredStatuses } from '../../domain/outbound.js';
import type { AppDependencies } from '../../context.js';
import type { MessageJson } from '../../serializers/message.js';
import { serializePublicMessages, visibleToVisitor, type PublicMessageJson } from '../../serializers/public.js';
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
