import { and, eq } from 'drizzle-orm';
import type { AccessChange, LiveEvent } from '../../../db/queries/events.js';
import { loadMessagesByIds } from '../../../db/queries/messages.js';
import { isDelivered } from '../../domain/outbound.js';
import { contacts, conversations } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { ApiError } from '../../errors.js';
import { StreamQueue, type LiveStreamHandle, type LiveStreamSink } from '../../events/live-stream.js';
import { serializePublicConversation, serializePublicMessage, visibleToVisitor } from '../../serializers/public.js';
import { findPublicContact, type PublicContact, type PublicContactInbox, type PublicInbox } from './access.js';

type Work = { kind: 'event'; event: LiveEvent } | { kind: 'recheck' };

/** Past this many remembered conversations the ownership cache starts over (it only saves queries). */
const ownershipCacheLimit = 5_000;

/** Whether an access change may end this visitor's stream: their contact or their inbox went. */
function concerns(change: AccessChange, scope: { inbox: PublicInbox; contact: PublicContact }): boolean {
  if (change.kind === 'contact') return change.accountId === scope.inbox.accountId && change.contactId === scope.contact.id;
  if (change.kind === 'inbox') return change.accountId === scope.inbox.accountId && change.inboxId === scope.inbox.id;
  return false;
}

/**
 * Forwards the live events a visitor may see: public messages of the conversations started from their
 * browser, status changes, agents typing, and new conversations of theirs (another tab). Everything is loaded and
 * filtered here, per event, so a private note never reaches the stream. Events go out one at a time,
 * in the order Postgres delivered them. When the visitor's contact or inbox is deleted (or the inbox
 * stops being public) the stream ends: on the access change at once, otherwise on the next tick.
 */
export function openVisitorStream(
  deps: Pick<AppDependencies, 'db' | 'events'>,
  scope: { inbox: PublicInbox; contactInbox: PublicContactInbox; contact: PublicContact },
  sink: LiveStreamSink,
  options: { maxQueuedEvents: number },
): LiveStreamHandle {
  const { inbox, contactInbox } = scope;
  const send = (event: { event: string; data: unknown }) => sink.send(event.event, event.data);
  // conversation id → display id when it is this visitor's, null when it is someone else's.
  const ownership = new Map<number, number | null>();
  let closed = false;

  const recheck = async () => {
    if (closed) return;
    try {
      await findPublicContact(deps.db, { inboxIdentifier: inbox.identifier, contactIdentifier: contactInbox.sourceId });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error;
      closed = true;
      queue.close();
      sink.end('visitor_gone');
    }
  };

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

  const handle = async (work: Work) => {
    if (closed) return;
    if (work.kind === 'recheck') return recheck();
    const { event } = work;
    const displayId = await displayIdIfOwned(event.conversationId);
    if (displayId === null || closed) return;
    if ((event.type === 'message.created' || event.type === 'message.updated') && event.messageId) {
      const [loaded] = await loadMessagesByIds(deps.db, { accountId: inbox.accountId, ids: [event.messageId] });
      // A message in its send-interruption window reaches the visitor when it is sent (message.updated).
      const message = loaded && visibleToVisitor(loaded) && isDelivered(loaded.message.status) ? serializePublicMessage(loaded, displayId) : null;
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

  const queue = new StreamQueue<Work>(
    handle,
    async () => {
      await recheck();
      // The widget refetches its messages on a resync, as after a reconnect.
      if (!closed) await sink.send('resync', { reason: 'overflow' });
    },
    options.maxQueuedEvents,
  );
  const unsubscribe = deps.events.subscribe((event) => {
    // Cheap checks first: most events on the bus belong to other inboxes.
    if (closed || event.inboxId !== inbox.id || event.accountId !== inbox.accountId) return;
    queue.push({ kind: 'event', event });
  });
  const unsubscribeAccess = deps.events.subscribeAccess((change) => {
    if (!closed && concerns(change, scope)) queue.push({ kind: 'recheck' });
  });
  // The contact may have gone between the route's look-up and the subscription above.
  queue.push({ kind: 'recheck' });
  return {
    recheck: async () => queue.push({ kind: 'recheck' }),
    close() {
      closed = true;
      queue.close();
      unsubscribe();
      unsubscribeAccess();
    },
  };
}
