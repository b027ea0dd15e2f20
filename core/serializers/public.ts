import { z } from '@hono/zod-openapi';
import { lifecycleIdempotencyPrefix } from '../../workflows/conversation/definitions.js';
import type { ConversationRow } from '../../db/queries/conversations.js';
import type { MessageWithRelations } from '../../db/queries/messages.js';
import type { contactInboxes, contacts, inboxes } from '../../db/schema/index.js';
import { attachmentSchema, messageTypeNumber, serializeAttachment } from './message.js';
import { unixSeconds } from './time.js';
import { orNull } from './nullable.js';

// Chatwoot's public (client API) shapes: what a visitor's browser may see, and nothing more
// (no agent e-mails, no private notes, no internal ids beyond what Chatwoot exposes).

export const publicInboxSchema = z
  .object({
    identifier: z.string(),
    name: z.string(),
    channel_type: z.string(),
    welcome_title: z.string(),
    welcome_tagline: z.string(),
    widget_color: z.string(),
  })
  .openapi('PublicInbox');

export function serializePublicInbox(inbox: typeof inboxes.$inferSelect): z.infer<typeof publicInboxSchema> {
  return {
    identifier: inbox.identifier,
    name: inbox.name,
    channel_type: inbox.channelType,
    welcome_title: inbox.settings.welcomeTitle ?? '',
    welcome_tagline: inbox.settings.welcomeTagline ?? '',
    widget_color: inbox.settings.widgetColor ?? '#1f93ff',
  };
}

export const publicContactSchema = z
  .object({
    id: z.number().int(),
    source_id: z.string().openapi({ description: 'The contact identifier: the visitor’s credential for every other public route' }),
    name: z.string(),
    email: z.string().nullable(),
    phone_number: z.string().nullable(),
    pubsub_token: z.string(),
    custom_attributes: z.record(z.string(), z.unknown()),
  })
  .openapi('PublicContact');

export type PublicContactJson = z.infer<typeof publicContactSchema>;

const claimed = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The visitor's own view of their contact. An e-mail or phone they gave that another contact already
 * has is kept as their claim and shown back as they typed it, so the answer never tells whether
 * someone else uses that address.
 */
const visitorAddresses = (contact: typeof contacts.$inferSelect) => ({
  email: claimed(contact.additionalAttributes.claimedEmail) ?? contact.email,
  phone_number: claimed(contact.additionalAttributes.claimedPhoneNumber) ?? contact.phoneNumber,
});

export function serializePublicContact(contact: typeof contacts.$inferSelect, contactInbox: typeof contactInboxes.$inferSelect): PublicContactJson {
  return {
    id: contact.id,
    source_id: contactInbox.sourceId,
    name: contact.name,
    ...visitorAddresses(contact),
    // The events stream is addressed by the contact identifier itself, so the pubsub token is the same secret.
    pubsub_token: contactInbox.sourceId,
    custom_attributes: contact.customAttributes,
  };
}

export const publicMessageSenderSchema = z
  .object({ id: z.number().int(), name: z.string(), type: z.enum(['user', 'contact', 'agent_bot', 'guest']), avatar_url: z.string() })
  .openapi('PublicMessageSender');

export const publicMessageSchema = z
  .object({
    id: z.number().int(),
    content: z.string().nullable(),
    message_type: z.number().int().openapi({ description: '0 incoming (the visitor), 1 outgoing (an agent), 2 activity, 3 template' }),
    content_type: z.string(),
    content_attributes: z.record(z.string(), z.unknown()),
    created_at: z.number().int(),
    conversation_id: z.number().int().openapi({ description: "The conversation's display id" }),
    status: z.string(),
    echo_id: z.string().nullable(),
    attachments: z.array(attachmentSchema),
    sender: orNull(publicMessageSenderSchema),
  })
  .openapi('PublicMessage');

export type PublicMessageJson = z.infer<typeof publicMessageSchema>;

/** Returns null for a private note, so a caller that forgets to filter still never shows one. */
export function serializePublicMessage(m: MessageWithRelations, conversationDisplayId: number): PublicMessageJson | null {
  const row = m.message;
  if (row.private) return null;
  return {
    id: row.id,
    content: row.content,
    message_type: messageTypeNumber(row.messageType),
    content_type: row.contentType,
    content_attributes: row.contentAttributes,
    created_at: unixSeconds(row.createdAt)!,
    conversation_id: conversationDisplayId,
    status: row.status,
    echo_id: row.echoId && !row.echoId.startsWith(lifecycleIdempotencyPrefix) ? row.echoId : null,
    attachments: m.attachments.map(serializeAttachment),
    sender: m.sender ? { id: m.sender.id, name: m.sender.name, type: m.sender.type, avatar_url: '' } : null,
  };
}

/**
 * What the widget visitor (the customer) is shown of a conversation: not what an external guest
 * wrote there, since a guest is a third party given the conversation, not someone the customer invited.
 */
export const visibleToVisitor = (m: MessageWithRelations) => m.message.senderType !== 'guest';

export const serializePublicMessages = (rows: MessageWithRelations[], conversationDisplayId: number): PublicMessageJson[] =>
  rows.map((m) => serializePublicMessage(m, conversationDisplayId)).filter((m): m is PublicMessageJson => m !== null);

export const publicConversationSchema = z
  .object({
    id: z.number().int().openapi({ description: 'The display id' }),
    uuid: z.string(),
    inbox_id: z.number().int(),
    status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
    contact_last_seen_at: z.number().int().nullable(),
    agent_last_seen_at: z.number().int().nullable(),
    messages: z.array(publicMessageSchema),
    contact: z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable(), phone_number: z.string().nullable() }),
  })
  .openapi('PublicConversation');

export type PublicConversationJson = z.infer<typeof publicConversationSchema>;

export function serializePublicConversation(
  conversation: ConversationRow,
  contact: typeof contacts.$inferSelect,
  messages: MessageWithRelations[],
): PublicConversationJson {
  return {
    id: conversation.displayId,
    uuid: conversation.uuid,
    inbox_id: conversation.inboxId,
    status: conversation.status,
    contact_last_seen_at: unixSeconds(conversation.contactLastSeenAt),
    agent_last_seen_at: unixSeconds(conversation.agentLastSeenAt),
    messages: serializePublicMessages(messages.filter(visibleToVisitor), conversation.displayId),
    contact: { id: contact.id, name: contact.name, ...visitorAddresses(contact) },
  };
}
