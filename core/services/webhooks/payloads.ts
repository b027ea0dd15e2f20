import { eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findContact } from '../../../db/queries/contacts.js';
import { loadConversationCards } from '../../../db/queries/conversations.js';
import { loadMessagesByIds } from '../../../db/queries/messages.js';
import { accounts, inboxes, messageTypes, users, type WebhookEvent, type WebhookEventSubject } from '../../../db/schema/index.js';
import { serializeContact } from '../../serializers/contact.js';
import { serializeConversation, serializeMessageWithRelations } from '../../serializers/conversation.js';

export type WebhookPayload = Record<string, unknown> & { event: WebhookEvent };

/**
 * The body one event sends (seed 003's shapes, Chatwoot's webhook objects: account, inbox,
 * contact, user, conversation, message), built once when the event is drained and then frozen
 * on its deliveries, so every retry sends the same bytes. Null when its subject is gone.
 */
export async function buildWebhookPayload(
  db: DatabaseOrTransaction,
  { accountId, event, subject }: { accountId: number; event: WebhookEvent; subject: WebhookEventSubject },
): Promise<WebhookPayload | null> {
  const [account] = await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  if (!account) return null;
  const inbox = subject.inboxId ? await findInboxObject(db, subject.inboxId) : null;
  const conversation = subject.conversationId ? await conversationObject(db, accountId, subject.conversationId) : null;
  if (subject.conversationId && !conversation) return null;

  switch (event) {
    case 'message_created':
    case 'message_updated': {
      const [row] = await loadMessagesByIds(db, { accountId, ids: [subject.messageId!] });
      if (!row || !conversation) return null;
      const message = serializeMessageWithRelations(row, conversation.id as number);
      return {
        event,
        ...message,
        // Webhooks name the type (Chatwoot's webhook data), where the REST API sends its number.
        message_type: messageTypes[message.message_type],
        contact: conversation.meta.sender,
        conversation,
        inbox,
        account,
      };
    }
    case 'conversation_created':
    case 'conversation_status_changed':
      return { event, ...conversation!, inbox, account };
    case 'conversation_updated':
      return {
        event,
        // Chatwoot's shape: a list of one-key objects, { status: { current_value, previous_value } }.
        changed_attributes: Object.entries(subject.changedAttributes ?? {}).map(([name, change]) => ({ [name]: change })),
        ...conversation!,
        inbox,
        account,
      };
    case 'contact_created':
    case 'contact_updated': {
      const contact = await findContact(db, { accountId, id: subject.contactId! });
      if (!contact) return null;
      return {
        event,
        ...serializeContact(contact),
        type: 'contact',
        ...(subject.changedAttributes ? { changed_attributes: Object.entries(subject.changedAttributes).map(([name, change]) => ({ [name]: change })) } : {}),
        account,
      };
    }
    case 'conversation_typing_on':
    case 'conversation_typing_off': {
      const agent = subject.typingUserId ? await findUserObject(db, subject.typingUserId) : null;
      const user = agent ? { ...agent, type: 'user' } : conversation ? { ...conversation.meta.sender, type: 'contact' } : null;
      return { event, conversation, user, is_private: subject.isPrivate ?? false, inbox, account };
    }
    case 'webwidget_triggered': {
      const contact = subject.contactId ? await findContact(db, { accountId, id: subject.contactId }) : undefined;
      if (!contact) return null;
      const contactJson = { ...serializeContact(contact), type: 'contact', account };
      return {
        event,
        id: contact.id,
        contact: contactJson,
        inbox,
        account,
        current_conversation: conversation,
        source_id: subject.sourceId ?? (subject.eventInfo?.sourceId as string | undefined) ?? null,
        event_info: subject.eventInfo ?? {},
      };
    }
  }
}

async function findUserObject(db: DatabaseOrTransaction, userId: number) {
  const [row] = await db.select({ id: users.id, name: users.name, displayName: users.displayName, email: users.email }).from(users).where(eq(users.id, userId));
  return row ? { id: row.id, name: row.displayName ?? row.name, email: row.email, thumbnail: '' } : null;
}

async function findInboxObject(db: DatabaseOrTransaction, inboxId: number) {
  const [row] = await db.select({ id: inboxes.id, name: inboxes.name }).from(inboxes).where(eq(inboxes.id, inboxId));
  return row ?? null;
}

async function conversationObject(db: DatabaseOrTransaction, accountId: number, conversationId: number) {
  const [card] = await loadConversationCards(db, { accountId, ids: [conversationId] });
  return card ? serializeConversation(card) : null;
}
