import type { AccessChange, LiveEvent } from '../../../db/queries/events.js';
import { isGuestSessionActive, listGuestConversations } from '../../../db/queries/guests.js';
import { loadMessagesByIds } from '../../../db/queries/messages.js';
import type { AppDependencies } from '../../context.js';
import { StreamQueue, type LiveStreamHandle, type LiveStreamSink } from '../../events/live-stream.js';
import { serializePublicMessage } from '../../serializers/public.js';
import { guestSessionIdleTimeoutMs, type SignedInGuest } from './portal.js';

type Work = { kind: 'event'; event: LiveEvent } | { kind: 'recheck' };

const concerns = (change: AccessChange, signedIn: SignedInGuest) =>
  change.kind === 'guest' && change.accountId === signedIn.guest.accountId && change.guestId === signedIn.guest.id;

/**
 * The guest's live view: public messages (never private notes or activity) of the conversations they
 * still hold. What they hold is re-read on every tick and at once when an agent revokes, resets or a
 * session signs out (an access NOTIFY about this guest): a session that has ended closes the stream
 * with `revoked`, a conversation taken away stops sending at once.
 */
export async function openGuestStream(
  deps: Pick<AppDependencies, 'db' | 'events'>,
  signedIn: SignedInGuest,
  sink: LiveStreamSink,
  options: { maxQueuedEvents: number },
): Promise<LiveStreamHandle> {
  const { accountId } = signedIn.guest;
  // conversation id → display id, for the conversations the guest holds right now.
  let given = new Map<number, number>();
  let ended = false;

  const reloadGiven = async () => {
    const rows = await listGuestConversations(deps.db, { accountId, guestId: signedIn.guest.id });
    given = new Map(rows.map((row) => [row.conversationId, row.displayId]));
  };

  const end = () => {
    ended = true;
    queue.close();
    sink.end('access_revoked');
  };

  const recheck = async () => {
    if (ended) return;
    if (!(await isGuestSessionActive(deps.db, { sessionId: signedIn.sessionId, idleTimeoutMs: guestSessionIdleTimeoutMs }))) return end();
    await reloadGiven();
    if (given.size === 0) end();
  };

  const handle = async (work: Work) => {
    if (ended) return;
    if (work.kind === 'recheck') return recheck();
    const { event } = work;
    const displayId = given.get(event.conversationId);
    if (displayId === undefined) return;
    if ((event.type === 'message.created' || event.type === 'message.updated') && event.messageId) {
      const [loaded] = await loadMessagesByIds(deps.db, { accountId, ids: [event.messageId] });
      if (!loaded || loaded.message.messageType === 'activity') return;
      const message = serializePublicMessage(loaded, displayId);
      if (message && !ended) await sink.send(event.type, message);
    }
  };

  await reloadGiven();
  const queue = new StreamQueue<Work>(
    handle,
    async () => {
      await recheck();
      if (!ended) await sink.send('resync', { reason: 'overflow' });
    },
    options.maxQueuedEvents,
  );
  const unsubscribe = deps.events.subscribe((event) => {
    if (!ended && event.accountId === accountId && given.has(event.conversationId)) queue.push({ kind: 'event', event });
  });
  const unsubscribeAccess = deps.events.subscribeAccess((change) => {
    if (!ended && concerns(change, signedIn)) queue.push({ kind: 'recheck' });
  });
  // Access may have ended between the request's authentication and the subscriptions above.
  queue.push({ kind: 'recheck' });
  return {
    recheck: async () => queue.push({ kind: 'recheck' }),
    close() {
      ended = true;
      queue.close();
      unsubscribe();
      unsubscribeAccess();
    },
  };
}
