import { z } from '@hono/zod-openapi';
import type { ConversationCard } from '../../db/queries/conversations.js';
import type { MessageWithRelations } from '../../db/queries/messages.js';
import type { ChannelType } from '../../db/schema/index.js';
import { contactSchema, serializeContact, snakeKeys } from './contact.js';
import { messageSchema, serializeMessage } from './message.js';
import { unixSeconds } from './time.js';
import { agentSchema, serializeAgent } from './user.js';
import { orNull } from './nullable.js';

/** Chatwoot names channels by their Rails class; clients branch on these strings. */
export const chatwootChannelNames: Record<ChannelType, string> = {
  web_widget: 'Channel::WebWidget',
  email: 'Channel::Email',
  api: 'Channel::Api',
  portal: 'Channel::Portal',
};

export const conversationSchema = z
  .object({
    id: z.number().int().openapi({ description: 'The display id, unique within the account' }),
    uuid: z.string(),
    account_id: z.number().int(),
    inbox_id: z.number().int(),
    status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
    priority: z.enum(['urgent', 'high', 'medium', 'low']).nullable(),
    muted: z.boolean(),
    can_reply: z.boolean(),
    snoozed_until: z.number().int().nullable(),
    unread_count: z.number().int(),
    labels: z.array(z.string()),
    custom_attributes: z.record(z.string(), z.unknown()),
    additional_attributes: z.record(z.string(), z.unknown()),
    agent_last_seen_at: z.number().int().nullable(),
    contact_last_seen_at: z.number().int().nullable(),
    first_reply_created_at: z.number().int().nullable(),
    waiting_since: z.number().int().nullable(),
    last_activity_at: z.number().int(),
    timestamp: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
    contact_inbox: z.object({ source_id: z.string().nullable() }),
    meta: z.object({
      sender: contactSchema,
      assignee: orNull(agentSchema),
      team: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      channel: z.string(),
      hmac_verified: z.boolean(),
    }),
    messages: z.array(messageSchema),
    last_non_activity_message: orNull(messageSchema),
  })
  .openapi('Conversation');

export type ConversationJson = z.infer<typeof conversationSchema>;

export function serializeMessageWithRelations(m: MessageWithRelations, conversationDisplayId: number) {
  return serializeMessage(m.message, {
    conversationDisplayId,
    sender: m.sender ? { ...m.sender, thumbnail: '' } : null,
    attachments: m.attachments,
  });
}

export function serializeConversation(card: ConversationCard, contactInboxSourceId: string | null = null): ConversationJson {
  const c = card.conversation;
  const last = card.lastMessage ? serializeMessageWithRelations(card.lastMessage, c.displayId) : null;
  return {
    id: c.displayId,
    uuid: c.uuid,
    account_id: c.accountId,
    inbox_id: c.inboxId,
    status: c.status,
    priority: c.priority,
    muted: c.muted,
    can_reply: true,
    snoozed_until: unixSeconds(c.snoozedUntil),
    unread_count: card.unreadCount,
    labels: card.labels,
    custom_attributes: c.customAttributes,
    additional_attributes: snakeKeys(c.additionalAttributes),
    agent_last_seen_at: unixSeconds(c.agentLastSeenAt),
    contact_last_seen_at: unixSeconds(c.contactLastSeenAt),
    first_reply_created_at: unixSeconds(c.firstReplyCreatedAt),
    waiting_since: unixSeconds(c.waitingSince),
    last_activity_at: unixSeconds(c.lastActivityAt)!,
    timestamp: unixSeconds(c.lastActivityAt)!,
    created_at: unixSeconds(c.createdAt)!,
    updated_at: unixSeconds(c.updatedAt)!,
    contact_inbox: { source_id: contactInboxSourceId },
    meta: {
      sender: serializeContact(card.contact),
      assignee: card.assignee ? serializeAgent({ ...card.assignee, id: card.assignee.id!, name: card.assignee.name ?? '', email: card.assignee.email ?? '', accountId: c.accountId }) : null,
      team: card.team,
      channel: chatwootChannelNames[card.inboxChannelType],
      hmac_verified: false,
    },
    messages: last ? [last] : [],
    last_non_activity_message: last && last.message_type !== 2 ? last : null,
  };
}
