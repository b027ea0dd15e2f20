import { findMembershipWithRole, isAccessTokenActive, isSessionActive } from '../../../db/queries/auth.js';
import type { AccessChange, LiveEvent, UserEvent } from '../../../db/queries/events.js';
import type { AccountActor, AppDependencies, Authentication } from '../../context.js';
import { canSeeInbox, type Viewer } from '../../domain/permissions.js';
import { StreamQueue, type LiveStreamHandle, type LiveStreamSink, type StreamEndReason } from '../../events/live-stream.js';
import { createLivePayloadLoader } from '../../events/payloads.js';
import { loadViewer, viewerSeesConversation } from '../viewer.js';
import { findConversationById } from '../../../db/queries/conversations.js';
import { recordPresence } from '../profile/presence.js';
import { loadUserEventPayload } from './user-events.js';

export type ConsoleStreamPrincipal = { actor: AccountActor; auth: Authentication };

const loaders = new WeakMap<object, ReturnType<typeof createLivePayloadLoader>>();

type Work = { kind: 'event'; event: LiveEvent } | { kind: 'user-event'; event: UserEvent } | { kind: 'recheck' };

/** Whether an access change may concern this stream: only those trigger an immediate re-check. */
function concerns(change: AccessChange, { actor, auth }: ConsoleStreamPrincipal): boolean {
  switch (change.kind) {
    case 'session':
      return change.sessionId === auth.sessionId;
    case 'token':
      return change.tokenId === auth.tokenId;
    case 'user':
      return change.userId === actor.userId;
    case 'membership':
      return change.accountId === actor.accountId && change.userId === actor.userId;
    case 'inbox':
      return change.accountId === actor.accountId;
    case 'contact':
    case 'guest':
      return false;
  }
}

/**
 * The account's live events a console user may see. Access is re-read on every tick and at once on
 * an access change about them, in order with the events (so nothing after a demotion is judged by the
 * old role): a signed-out session, a revoked token or a removed membership ends the stream; a changed
 * role or inbox membership narrows (or widens) what follows, with a `resync` so the console refetches.
 */
export async function openConsoleStream(
  deps: Pick<AppDependencies, 'db' | 'events' | 'temporal' | 'config'>,
  principal: ConsoleStreamPrincipal,
  sink: LiveStreamSink,
  options: { maxQueuedEvents: number },
): Promise<LiveStreamHandle> {
  const { actor, auth } = principal;
  let loadPayload = loaders.get(deps.db);
  if (!loadPayload) loaders.set(deps.db, (loadPayload = createLivePayloadLoader(deps.db)));
  const load = loadPayload;
  let viewer: Viewer = await loadViewer(deps.db, actor);
  let ended = false;

  const end = (reason: StreamEndReason) => {
    ended = true;
    queue.close();
    sink.end(reason);
  };

  const recheck = async () => {
    if (ended) return;
    if (auth.method === 'session' && !(auth.sessionId && (await isSessionActive(deps.db, auth.sessionId)))) return end('signed_out');
    if (auth.method === 'api_access_token' && !(auth.tokenId && (await isAccessTokenActive(deps.db, auth.tokenId)))) return end('token_revoked');
    const membership = await findMembershipWithRole(deps.db, { accountId: actor.accountId, userId: actor.userId });
    if (!membership) return end('removed_from_account');
    const next = await loadViewer(deps.db, { ...actor, role: membership.role, customRole: membership.customRole });
    const inboxesOf = (v: Viewer) => [...v.inboxIds].sort((a, b) => a - b).join();
    const changed = next.role !== viewer.role || next.conversationScope !== viewer.conversationScope || inboxesOf(next) !== inboxesOf(viewer);
    viewer = next;
    if (changed) await sink.send('resync', { reason: 'access_changed' });
    // An open console is presence: each tick keeps an auto_offline agent counted as available.
    await recordPresence(deps, { accountId: actor.accountId, userId: actor.userId });
  };

  const handle = async (work: Work) => {
    if (ended) return;
    if (work.kind === 'recheck') return recheck();
    if (work.kind === 'user-event') {
      // Addressed to this user by the writer (participants, the notified person), loaded for them.
      const payload = await loadUserEventPayload(deps.db, actor, work.event);
      if (payload && !ended) await sink.send(work.event.type, payload);
      return;
    }
    const { event } = work;
    if (!canSeeInbox(viewer, event.inboxId)) return;
    // A narrower role's scope hangs on the conversation's assignee (and the viewer's part in it) as it
    // is now, so the same rule as the list and show routes decides what reaches this console.
    if (viewer.conversationScope !== 'all') {
      const conversation = event.conversationId ? await findConversationById(deps.db, event.conversationId) : undefined;
      if (!conversation || !(await viewerSeesConversation(deps.db, viewer, conversation))) return;
    }
    const payload = await load(event);
    if (!payload || ended) return;
    // Typing says who (the console shows "Carla is typing…" and skips the reader's own); a private note's typing names nobody.
    if (event.type === 'conversation.typing_on' || event.type === 'conversation.typing_off') await sink.send(event.type, { ...payload.conversation, actor: event.actor ?? null });
    else await sink.send(event.type, event.messageId ? payload : payload.conversation);
  };

  const queue = new StreamQueue<Work>(
    handle,
    async () => {
      // Dropped work may have included an access change: re-check before telling the client to refetch.
      await recheck();
      if (!ended) await sink.send('resync', { reason: 'overflow' });
    },
    options.maxQueuedEvents,
  );
  const unsubscribeEvents = deps.events.subscribe((event) => {
    if (event.accountId === actor.accountId) queue.push({ kind: 'event', event });
  });
  const unsubscribeAccess = deps.events.subscribeAccess((change) => {
    if (concerns(change, principal)) queue.push({ kind: 'recheck' });
  });
  const unsubscribeUserEvents = deps.events.subscribeUserEvents((event) => {
    if (event.accountId === actor.accountId && event.userIds.includes(actor.userId)) queue.push({ kind: 'user-event', event });
  });
  // Access may have ended between the request's authentication and the subscription above.
  queue.push({ kind: 'recheck' });

  return {
    recheck: async () => queue.push({ kind: 'recheck' }),
    close() {
      ended = true;
      queue.close();
      unsubscribeEvents();
      unsubscribeAccess();
      unsubscribeUserEvents();
    },
  };
}
