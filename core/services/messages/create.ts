import { loadMessagesByIds } from '../../../db/queries/messages.js';
import type { MessageContentType } from '../../../db/schema/index.js';
import type { AppDependencies, ServiceContext } from '../../context.js';
import { maxAttachmentsPerMessage } from '../../domain/uploads.js';
import { discardUploads } from '../attachments/receive.js';
import { invalid } from '../../errors.js';
import { lifecycleIdempotencyPrefix } from '../../../workflows/conversation/definitions.js';
import { serializeMessageWithRelations } from '../../serializers/conversation.js';
import { serializeMessage, type MessageJson } from '../../serializers/message.js';
import { findVisibleConversation } from '../conversations/access.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import { dispatchAutomationEventSoon } from '../automation/dispatch.js';
import { automationIdempotencyPrefix } from '../automation/run.js';
import { handOverNotice } from './outbound.js';
import { findInbox } from '../../../db/queries/inboxes.js';
import { outboundDeliveryFor } from '../../domain/outbound.js';
import { recordMessage, type RecordMessageInput, type UploadedFile } from './record.js';
import { notifyMentions } from '../notifications/mentions.js';
import { notifyAssigneeOfMessage } from '../notifications/conversation-events.js';

export const maxMessageLength = 150_000;

/** Files arrive already streamed into the blob store and checked (size, type, signature): attachments/receive.ts. */
export type IncomingFile = UploadedFile;

/** Checks content and files the same way for every sender; throws a 422 naming the field. */
export function prepareMessageBody(input: { content?: string | null; files?: IncomingFile[] }): { content: string | null; files: UploadedFile[] } {
  const content = input.content?.trim() ? input.content : null;
  const files = input.files ?? [];
  if (!content && files.length === 0) throw invalid('content', 'A message needs content or an attachment');
  if (content && content.length > maxMessageLength) throw invalid('content', `Messages are limited to ${maxMessageLength} characters`);
  if (files.length > maxAttachmentsPerMessage) throw invalid('attachments', `At most ${maxAttachmentsPerMessage} attachments per message`);
  return { content, files };
}

/**
 * Stores a message (in Postgres before anyone is answered), then tells the lifecycle when a customer
 * wrote into a resolved or snoozed conversation, through the outbox so a crash cannot lose it. Other messages never touch Temporal, so ingest is
 * not bounded by a workflow's signal rate.
 */
export async function storeMessage(deps: AppDependencies, input: RecordMessageInput): Promise<MessageJson> {
  for (const reserved of [lifecycleIdempotencyPrefix, automationIdempotencyPrefix]) {
    if (input.echoId?.startsWith(reserved)) throw invalid('echo_id', `echo_id must not start with "${reserved}"`);
  }
  // A text message is one atomic statement; files need a transaction so nothing is half-written.
  const stored = input.files?.length ? await deps.db.transaction((tx) => recordMessage(tx, input)) : await recordMessage(deps.db, input);
  if (!stored.created) {
    // A retry of a message already stored: its first copy keeps its own files, these go.
    if (input.files?.length) await discardUploads(deps.storage, input.files);
    const [existing] = await loadMessagesByIds(deps.db, { accountId: input.conversation.accountId, ids: [stored.id] });
    return serializeMessageWithRelations(existing, input.conversation.displayId);
  }
  // message_created was captured by the insert itself for a message already sent; one still in its
  // send window (or waiting for its channel) is announced when its delivery records it sent.
  drainWebhookEventsSoon(webhookDrainDeps(deps), stored.webhookEventIds);
  // The message is stored and the notice kept: if Temporal cannot take it now, the worker's
  // sweeper reopens the conversation or starts the delivery shortly.
  if (stored.noticeId) await handOverNotice(deps, stored.noticeId, stored.id);
  await dispatchAutomationEventSoon(deps, stored.automationEventId);
  // The message is stored whatever happens here: a notification that cannot be recorded is logged, not an error.
  await notifyAssigneeOfMessage(deps, {
    conversationId: input.conversation.id,
    messageId: stored.id,
    senderUserId: input.sender?.type === 'user' ? input.sender.id : null,
    isPrivate: input.private ?? false,
    preview: input.content,
  }).catch((error: Error) => console.warn(`[notifications] message ${stored.id}: assignee not notified: ${error.message}`));
  return serializeMessage(stored.message, {
    conversationDisplayId: input.conversation.displayId,
    sender: input.sender ? { id: input.sender.id, type: input.sender.type, name: stored.senderName ?? '', thumbnail: '' } : null,
    attachments: stored.attachments,
  });
}

/** Application API: an agent replies, writes a private note, or an integration posts the customer's message. */
export async function createConversationMessage(
  ctx: ServiceContext,
  input: {
    displayId: number;
    content?: string | null;
    messageType: 'outgoing' | 'incoming';
    private: boolean;
    contentType?: MessageContentType;
    contentAttributes?: Record<string, unknown>;
    echoId?: string;
    sourceId?: string;
    files?: IncomingFile[];
  },
) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  if (input.messageType === 'incoming' && input.private) throw invalid('private', 'Incoming messages cannot be private notes');
  const body = prepareMessageBody(input);
  const inbox = await findInbox(ctx.db, { accountId: conversation.accountId, id: conversation.inboxId });
  const agentReply = input.messageType === 'outgoing' && !input.private;
  const stored = await storeMessage(ctx, {
    delivery: agentReply && inbox ? outboundDeliveryFor(inbox, new Date()) : undefined,
    conversation,
    messageType: input.messageType,
    content: body.content,
    files: body.files,
    private: input.private,
    contentType: input.contentType,
    contentAttributes: input.contentAttributes,
    echoId: input.echoId,
    sourceId: input.sourceId,
    sender: input.messageType === 'incoming' ? { type: 'contact', id: conversation.contactId } : { type: 'user', id: ctx.actor.userId },
  });
  if (input.private && body.content) {
    // The note is stored whatever happens here: a mention that cannot be recorded is logged, not an error.
    await notifyMentions(ctx, { conversation, messageId: stored.id, content: body.content }).catch((error: Error) =>
      console.warn(`[mentions] note ${stored.id}: notifications not recorded: ${error.message}`),
    );
  }
  return stored;
}

