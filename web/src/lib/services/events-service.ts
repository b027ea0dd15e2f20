import type { Conversation, Message } from '$lib/types';
import { accountPath } from './http';

export type ConversationEventName = 'conversation.created' | 'conversation.updated' | 'conversation.status_changed';
export type MessageEventName = 'message.created' | 'message.updated';
/** Events addressed to the signed-in user alone: their direct conversations and their bell. */
export type UserEventName = 'direct_message.created' | 'direct_conversation.updated' | 'notification.created' | 'notification.updated';

export interface AccountEventHandlers {
  onConversation: (name: ConversationEventName, conversation: Conversation) => void;
  onMessage: (name: MessageEventName, payload: { conversation: Conversation; message: Message }) => void;
  /**
   * Called when the stream is (re)established: the API sends `ready` once it is subscribed, and
   * anything written before that moment (including while the first list was loading) may be missed.
   */
  onResync: () => void;
  onStateChange?: (connected: boolean) => void;
  /**
   * The server closed the stream for good: the session was signed out, the token revoked, or the
   * user removed from the account. The stream is not reopened.
   */
  onRevoked?: (reason: StreamRevokedReason) => void;
  /** A direct message or a notification for this user (data as the API documents for each event). */
  onUserEvent?: (name: UserEventName, data: unknown) => void;
  /** Someone started or stopped typing in a conversation this user sees. */
  onTyping?: (event: TypingEvent) => void;
}

/** Who is typing in a conversation (`id` is its display id); null actor: someone writing a private note. */
export type TypingEvent = { id: number; typing: boolean; actor: { type: 'user' | 'contact'; id: number } | null };

export type StreamRevokedReason = 'signed_out' | 'token_revoked' | 'removed_from_account';

const conversationEvents: ConversationEventName[] = ['conversation.created', 'conversation.updated', 'conversation.status_changed'];
const messageEvents: MessageEventName[] = ['message.created', 'message.updated'];
const userEvents: UserEventName[] = ['direct_message.created', 'direct_conversation.updated', 'notification.created', 'notification.updated'];

/** Opens the account's Server-Sent Events stream; returns a function that closes it. */
export function connectAccountEvents(accountId: number, handlers: AccountEventHandlers, createSource = (url: string) => new EventSource(url)): () => void {
  let source: EventSource | undefined;
  let opened = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1000;

  const parse = (event: MessageEvent) => {
    try {
      return JSON.parse(event.data);
    } catch {
      return undefined;
    }
  };

  const open = () => {
    if (closed) return;
    source = createSource(accountPath(accountId, '/events'));
    source.onopen = () => {
      retryDelay = 1000;
      handlers.onStateChange?.(true);
      // Older API builds may not send `ready`; a reconnect alone is reason enough to refetch.
      if (opened) handlers.onResync();
      opened = true;
    };
    source.onerror = () => {
      handlers.onStateChange?.(false);
      // The browser retries by itself unless the stream was refused (e.g. 401); then back off and reopen.
      if (source && source.readyState === EventSource.CLOSED) {
        source.close();
        retryTimer = setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30_000);
      }
    };
    source.addEventListener('ready', () => handlers.onResync());
    // The client fell behind (events were dropped) or its access changed: refetch what is shown.
    source.addEventListener('resync', () => handlers.onResync());
    source.addEventListener('revoked', (event) => {
      const data = parse(event as MessageEvent);
      closed = true;
      source?.close();
      handlers.onStateChange?.(false);
      handlers.onRevoked?.((data?.reason ?? 'signed_out') as StreamRevokedReason);
    });
    for (const name of conversationEvents) {
      source.addEventListener(name, (event) => {
        const data = parse(event as MessageEvent);
        if (data && typeof data === 'object' && 'id' in data) handlers.onConversation(name, data as Conversation);
      });
    }
    for (const name of userEvents) {
      source.addEventListener(name, (event) => {
        const data = parse(event as MessageEvent);
        if (data) handlers.onUserEvent?.(name, data);
      });
    }
    for (const name of ['conversation.typing_on', 'conversation.typing_off'] as const) {
      source.addEventListener(name, (event) => {
        const data = parse(event as MessageEvent);
        if (data && typeof data.id === 'number') handlers.onTyping?.({ id: data.id, typing: name === 'conversation.typing_on', actor: data.actor ?? null });
      });
    }
    for (const name of messageEvents) {
      source.addEventListener(name, (event) => {
        const data = parse(event as MessageEvent);
        if (data && data.message && data.conversation) handlers.onMessage(name, data);
      });
    }
  };

  open();
  return () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    source?.close();
  };
}
