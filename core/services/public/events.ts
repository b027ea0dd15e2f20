import { and, eq } from 'drizzle-orm';
import type { LiveEvent } from '../../../db/queries/events.js';
import { loadMessagesByIds } from '../../../db/queries/messages.js';
import { contacts, conversations } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { serializePublicConversation, serializePublicMessage } from '../../serializers/public.js';
import type { PublicContactInbox, PublicInbox } from './access.js';

export type PublicStreamEvent = { event: string; data: unknown };

/** Past this many remembered conversations the ownership cache starts over (it only saves queries). */
const ownershipCacheLimit = 5_000;

/**
 * Forwards the live events a visitor may see: public messages of the conversations started from their
 * browser, status changes, agents typing, and new conversations of theirs (another tab). Everything is loaded and
 * filtered here, per event, so a private note never reaches the stream. Events go out one at a time,
 * in the order Postgres delivered them. Returns the unsubscribe function.
 */
export function subscribeVisitorEvents(
  deps: Pick<AppDependencies, 'db' | 'events'>,
  scope: { inbox: PublicInbox; contactInbox: PublicContactInbox },
  send: (event: PublicStreamEvent) => Promise<void>,
): () => void {
  const { inbox, contactInbox } = scope;
  // conversation id → display id when it is this visitor's, null when it is someone else's.
  const ownership = new Map<number, number | null>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const displayIdIfOwned = async (conversationId: number): Promise<number | null> => {
    const known = ownership.get(conversationId);
    if (known !== undefined) return known;
    const [row] = await deps.db
      .select({ displayId: conversations.displayId })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, inbox.accountId), eq(conversations.contactInboxId, contactInbox.id)))
      .limit(1);
    if (ownership.size >= ownershipCacheLimit) ownership.clear();
    ownership.set(conversationId, row?.displayId ?? null);
    return row?.displayId ?? null;
  };

  const handle = async (event: LiveEvent) => {
    const displayId = await displayIdIfOwned(event.conversationId);
    if (displayId === null || closed) return;
    if ((event.type === 'message.created' || event.type === 'message.updated') && event.messageId) {
      const [loaded] = await loadMessagesByIds(deps.db, { accountId: inbox.accountId, ids: [event.messageId] });
      const message = loaded ? serializePublicMessage(loaded, displayId) : null;
      if (message && !closed) await send({ event: event.type, data: message });
      return;
    }
    if (event.type === 'conversation.typing_on' || event.type === 'conversation.typing_off') {
      // Only agents' typing: the visitor's own comes back to them otherwise. No agent name is shown.
      if (event.actor?.type === 'user') await send({ event: event.type, data: { id: displayId } });
      return;
    }
    if (event.type === 'conversation.status_changed' || event.type === 'conversation.created') {
      const [row] = await deps.db
        .select({ conversation: conversations, contact: contacts })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(conversations.id, event.conversationId))
        .limit(1);
      if (!row || closed) return;
      const json = serializePublicConversation(row.conversation, row.contact, []);
      if (event.type === 'conversation.created') await send({ event: event.type, data: json });
      else await send({ event: event.type, data: { id: json.id, status: json.status } });
    }
  };

  const unsubscribe = deps.events.subscribe((event) => {
    // Cheap checks first: most events on the bus belong to other inboxes.
    if (closed || event.inboxId !== inbox.id || event.accountId !== inbox.accountId) return;
    queue = queue.then(() => handle(event)).catch((error) => console.warn('[public events] could not forward an event', (error as Error).message));
  });
  return () => {
    closed = true;
    unsubscribe();
  };
}
