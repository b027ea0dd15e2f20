import type { Database } from '../../db/client.js';
import { findConversationById, loadConversationCards } from '../../db/queries/conversations.js';
import type { LiveEvent } from '../../db/queries/events.js';
import { loadMessagesByIds } from '../../db/queries/messages.js';
import { serializeConversation, serializeMessageWithRelations, type ConversationJson } from '../serializers/conversation.js';
import type { MessageJson } from '../serializers/message.js';

export type LivePayload = { conversation: ConversationJson; message?: MessageJson };

/**
 * Loads what an event shows, once per notification per process however many streams are open. The
 * bus hands every stream the same event object, so the load is shared by identity: two notifications
 * about one conversation are loaded separately and the second never shows the first one's state.
 */
export function createLivePayloadLoader(db: Database) {
  const loaded = new WeakMap<LiveEvent, Promise<LivePayload | undefined>>();
  return (event: LiveEvent): Promise<LivePayload | undefined> => {
    let pending = loaded.get(event);
    if (!pending) {
      pending = load(db, event);
      loaded.set(event, pending);
    }
    return pending;
  };
}

async function load(db: Database, event: LiveEvent): Promise<LivePayload | undefined> {
  const conversation = await findConversationById(db, event.conversationId);
  if (!conversation) return undefined;
  const [card] = await loadConversationCards(db, { accountId: event.accountId, ids: [conversation.id] });
  if (!card) return undefined;
  const payload: LivePayload = { conversation: serializeConversation(card) };
  if (event.messageId) {
    const [message] = await loadMessagesByIds(db, { accountId: event.accountId, ids: [event.messageId] });
    if (!message) return undefined;
    payload.message = serializeMessageWithRelations(message, conversation.displayId);
  }
  return payload;
}
