import { tick } from 'svelte';
import { assignConversation, assignTeam, getConversation, markConversationRead, setLabels, setMuted, setPriority, toggleStatus, type Priority } from '#lib/services/conversation-service.js';
import { deleteMessage, interruptMessage, listMessages, retryMessage, sendMessage, toggleTyping } from '#lib/services/message-service.js';
import { t } from '#lib/i18n/i18n.svelte.js';
import type { ConsoleState } from '#lib/stores/console.svelte.js';
import type { ConversationListState } from '#lib/stores/conversation-list.svelte.js';
import type { Conversation, ConversationStatus, DisplayMessage, Message } from '#lib/types.js';

// The API answers up to 50 messages a page (db/queries/messages.ts); a full page means there may be older ones.
const pageSize = 50;

/** What the thread needs from the message list on screen: whether to follow new messages, and scrolling there. */
export type ThreadScroller = { isNearBottom(): boolean; scrollToBottom(): Promise<void> };

/**
 * One open conversation and its messages: loading, paging back, live updates from the account's
 * stream, and the agent's actions (send, status, assignee, labels), each shown at once and put
 * back if the API refuses it.
 */
export class ConversationThread {
  conversation = $state<Conversation | null>(null);
  messages = $state<DisplayMessage[]>([]);
  loading = $state(true);
  loadError = $state<string | null>(null);
  #actionError = $state<string | null>(null);
  busy = $state(false);
  hasOlder = $state(false);
  loadingOlder = $state(false);
  /** Who else is typing here now (the visitor, colleagues), by name. */
  typingNames = $state<string[]>([]);

  readonly #consoleState: ConsoleState;
  readonly #list: ConversationListState;
  readonly #conversationId: number;
  readonly #scroller: () => ThreadScroller | undefined;

  /** Why the last action failed, in the server's words; setting it also shows it as a toast. */
  get actionError(): string | null {
    return this.#actionError;
  }

  set actionError(message: string | null) {
    this.#actionError = message;
    if (message) this.#consoleState.toasts.error(message);
  }

  constructor(options: { consoleState: ConsoleState; list: ConversationListState; conversationId: number; scroller: () => ThreadScroller | undefined }) {
    this.#consoleState = options.consoleState;
    this.#list = options.list;
    this.#conversationId = options.conversationId;
    this.#scroller = options.scroller;
  }

  get #accountId() {
    return this.#consoleState.accountId;
  }

  #isNearBottom() {
    return this.#scroller()?.isNearBottom() ?? true;
  }

  /** After the next render: the message list only exists once the conversation is shown. */
  async #scrollToBottom() {
    await tick();
    await this.#scroller()?.scrollToBottom();
  }

  #markRead() {
    this.#list.patch(this.#conversationId, { unread_count: 0 });
    markConversationRead(this.#accountId, this.#conversationId).catch(() => undefined);
  }

  load = async () => {
    this.loading = true;
    this.loadError = null;
    try {
      const [found, page] = await Promise.all([getConversation(this.#accountId, this.#conversationId), listMessages(this.#accountId, this.#conversationId)]);
      this.conversation = found;
      this.messages = page.payload;
      this.hasOlder = page.payload.length >= pageSize;
      this.loading = false;
      await this.#scrollToBottom();
      this.#markRead();
    } catch (error) {
      this.loadError = (error as Error).message;
      this.loading = false;
    }
  };

  /** Prepends the page before the oldest message shown; resolves once it is in `messages`. */
  loadOlder = async () => {
    const oldest = this.messages.find((message) => !message.pending);
    if (!oldest || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await listMessages(this.#accountId, this.#conversationId, oldest.id);
      const known = new Set(this.messages.map((message) => message.id));
      this.messages = [...page.payload.filter((message) => !known.has(message.id)), ...this.messages];
      this.hasOlder = page.payload.length >= pageSize;
    } catch (error) {
      this.actionError = (error as Error).message;
    } finally {
      this.loadingOlder = false;
    }
  };

  /** Adds or replaces a message: by id, or by echo id for the optimistic copy of one we sent. */
  upsertMessage(message: Message) {
    const index = this.messages.findIndex((existing) => existing.id === message.id || (message.echo_id && existing.echo_id === message.echo_id));
    if (index >= 0) {
      const next = [...this.messages];
      next[index] = message;
      // An optimistic copy and the real one may both be present if the stream won the race.
      this.messages = next.filter((existing, position) => position === index || existing.id !== message.id);
    } else {
      const next: DisplayMessage[] = [...this.messages, message];
      this.messages = next.sort((a, b) => (a.pending ? 1 : 0) - (b.pending ? 1 : 0) || a.created_at - b.created_at || a.id - b.id);
    }
  }

  /** Loads the conversation and follows the account's stream for it; returns the unsubscribe. */
  open(): () => void {
    const list = this.#list;
    const conversationId = this.#conversationId;
    list.openConversationId = conversationId;
    void this.load();
    const stopMessages = list.onMessage((_event, message, changed) => {
      if (changed.id !== conversationId) return;
      const follow = this.#isNearBottom();
      this.upsertMessage(message);
      if (follow) void this.#scrollToBottom();
    });
    // Event payloads show the change at once; a fresh read a moment later makes sure we show the truth.
    let confirmTimer: ReturnType<typeof setTimeout> | undefined;
    const stopConversations = list.onConversation((changed) => {
      const current = this.conversation;
      if (changed.id !== conversationId || !current) return;
      this.conversation = { ...current, ...changed, meta: { ...current.meta, ...changed.meta } };
      clearTimeout(confirmTimer);
      confirmTimer = setTimeout(() => {
        getConversation(this.#accountId, conversationId)
          .then((found) => {
            if (this.conversation) this.conversation = found;
          })
          .catch(() => undefined);
      }, 500);
    });
    // After a reconnect, fetch what the stream may have missed and merge it in.
    const stopResync = list.onResync(() => {
      if (!this.conversation) return;
      const follow = this.#isNearBottom();
      Promise.all([getConversation(this.#accountId, conversationId), listMessages(this.#accountId, conversationId)])
        .then(([found, page]) => {
          this.conversation = found;
          for (const message of page.payload) this.upsertMessage(message);
          if (follow) void this.#scrollToBottom();
        })
        .catch(() => undefined);
    });
    // Someone else typing: shown until they stop, or 30 s after (a lost "off" must not leave it on forever).
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
    const typingWho = new Map<string, string>();
    const showTyping = () => (this.typingNames = [...typingWho.values()]);
    const stopTyping = list.onTyping((event) => {
      const current = this.conversation;
      if (event.id !== conversationId || !current || !event.actor) return;
      if (event.actor.type === 'user' && event.actor.id === this.#consoleState.profile.id) return;
      const key = `${event.actor.type}:${event.actor.id}`;
      clearTimeout(typingTimers.get(key));
      if (!event.typing) {
        typingWho.delete(key);
      } else {
        const name =
          event.actor.type === 'contact'
            ? (current.meta.sender?.name ?? '')
            : (this.#consoleState.agents.find((agent) => agent.id === event.actor!.id)?.name ?? '');
        typingWho.set(key, name);
        typingTimers.set(key, setTimeout(() => {
          typingWho.delete(key);
          showTyping();
        }, 30_000));
      }
      showTyping();
    });
    return () => {
      for (const timer of typingTimers.values()) clearTimeout(timer);
      stopTyping();
      this.#announceTyping(false, false);
      clearTimeout(confirmTimer);
      stopMessages();
      stopConversations();
      stopResync();
      if (list.openConversationId === conversationId) list.openConversationId = null;
    };
  }

  send = async (input: { content: string; private: boolean; files: File[] }) => {
    this.#announceTyping(false, input.private);
    const profile = this.#consoleState.profile;
    // randomUUID exists only in secure contexts (https, localhost); the echo id just has to be unique here.
    const echoId = crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const optimistic: DisplayMessage = {
      id: -Date.now(),
      content: input.content,
      message_type: 1,
      private: input.private,
      status: 'sent',
      created_at: Math.floor(Date.now() / 1000),
      conversation_id: this.#conversationId,
      echo_id: echoId,
      sender: { id: profile.id, name: profile.display_name || profile.name, type: 'user' },
      attachments: [],
      pending: true,
    };
    // Attachments need the server's URLs, so only text is shown before the answer.
    if (input.files.length === 0) {
      this.messages = [...this.messages, optimistic];
      void this.#scrollToBottom();
    }
    try {
      const saved = await sendMessage(this.#accountId, this.#conversationId, { content: input.content, private: input.private, echoId, files: input.files });
      this.messages = this.messages.filter((message) => message.echo_id !== echoId || !message.pending);
      this.upsertMessage({ ...saved, echo_id: saved.echo_id ?? echoId });
      void this.#scrollToBottom();
      if (this.conversation) this.#list.upsert({ ...this.conversation, timestamp: saved.created_at || this.conversation.timestamp }, saved);
    } catch (error) {
      this.messages = this.messages.filter((message) => message.echo_id !== echoId);
      throw error;
    }
  };

  #typingAnnounced = false;
  #typingPrivate = false;
  #typingIdle: ReturnType<typeof setTimeout> | undefined;

  #announceTyping(typing: boolean, isPrivate: boolean) {
    clearTimeout(this.#typingIdle);
    // Stopped, or switched between reply and note while typing: what was announced stops first.
    if (this.#typingAnnounced && (!typing || isPrivate !== this.#typingPrivate)) {
      this.#typingAnnounced = false;
      void toggleTyping(this.#accountId, this.#conversationId, false, this.#typingPrivate).catch(() => {});
    }
    if (typing && !this.#typingAnnounced) {
      this.#typingAnnounced = true;
      this.#typingPrivate = isPrivate;
      void toggleTyping(this.#accountId, this.#conversationId, true, isPrivate).catch(() => {});
    }
  }

  /** The agent typed: the others hear "typing" once, and "stopped" after 4 s without a keystroke or on send. */
  typed = (isPrivate: boolean) => {
    this.#announceTyping(true, isPrivate);
    this.#typingIdle = setTimeout(() => this.#announceTyping(false, isPrivate), 4_000);
  };

  /** Replaces the message by its "deleted" stub, for everyone (the stream tells the others). */
  remove = async (message: Message) => {
    this.actionError = null;
    try {
      this.upsertMessage(await deleteMessage(this.#accountId, this.#conversationId, message.id));
      this.#consoleState.toasts.success(t('toast.messageDeleted'));
    } catch (error) {
      this.actionError = (error as Error).message;
    }
  };

  /** Stops a message in its window; resolves with its text (for the composer), or null when it was too late. */
  interrupt = async (message: Message): Promise<string | null> => {
    this.actionError = null;
    try {
      const interrupted = await interruptMessage(this.#accountId, this.#conversationId, message.id);
      this.upsertMessage(interrupted);
      return interrupted.content ?? '';
    } catch (error) {
      this.actionError = (error as Error).message;
      return null;
    }
  };

  retry = async (message: Message) => {
    this.actionError = null;
    try {
      this.upsertMessage(await retryMessage(this.#accountId, this.#conversationId, message.id));
    } catch (error) {
      this.actionError = (error as Error).message;
    }
  };

  changeStatus = async (status: ConversationStatus, snoozedUntil?: number) => {
    if (!this.conversation || this.busy) return;
    this.busy = true;
    this.actionError = null;
    try {
      const result = await toggleStatus(this.#accountId, this.#conversationId, snoozedUntil ? { status, snoozed_until: snoozedUntil } : { status });
      this.conversation = { ...this.conversation, status: result?.current_status ?? status, snoozed_until: result?.snoozed_until ?? snoozedUntil ?? null };
      this.#list.upsert(this.conversation);
      this.#consoleState.toasts.success(statusConfirmation(this.conversation.status, this.conversation.snoozed_until));
    } catch (error) {
      this.actionError = (error as Error).message;
    } finally {
      this.busy = false;
    }
  };

  assignTo = async (assigneeId: number | null) => {
    if (!this.conversation) return;
    const previous = this.conversation.meta.assignee;
    const agent = this.#consoleState.agents.find((candidate) => candidate.id === assigneeId) ?? null;
    this.conversation = { ...this.conversation, meta: { ...this.conversation.meta, assignee: agent } };
    this.actionError = null;
    try {
      await assignConversation(this.#accountId, this.#conversationId, assigneeId);
      this.#list.upsert(this.conversation);
      this.#consoleState.toasts.success(agent ? t('toast.assigned', { name: agent.name }) : t('toast.unassigned'));
    } catch (error) {
      this.conversation = { ...this.conversation, meta: { ...this.conversation.meta, assignee: previous } };
      this.actionError = (error as Error).message;
    }
  };

  assignTeam = async (team: { id: number; name: string } | null) => {
    if (!this.conversation) return;
    const previous = this.conversation.meta;
    this.conversation = { ...this.conversation, meta: { ...this.conversation.meta, team } };
    this.actionError = null;
    try {
      await assignTeam(this.#accountId, this.#conversationId, team?.id ?? null);
      // A team whose members do not include the assignee unassigns them: show what the API kept.
      const fresh = await getConversation(this.#accountId, this.#conversationId);
      this.conversation = { ...this.conversation, meta: fresh.meta };
      this.#list.upsert(this.conversation);
    } catch (error) {
      this.conversation = { ...this.conversation, meta: previous };
      this.actionError = (error as Error).message;
    }
  };

  changePriority = async (priority: Priority | null) => {
    if (!this.conversation) return;
    this.actionError = null;
    try {
      const saved = await setPriority(this.#accountId, this.#conversationId, priority);
      this.conversation = { ...this.conversation, priority: saved.priority };
      this.#list.upsert(this.conversation);
    } catch (error) {
      this.actionError = (error as Error).message;
    }
  };

  changeMuted = async (muted: boolean) => {
    if (!this.conversation || this.busy) return;
    this.busy = true;
    this.actionError = null;
    try {
      const saved = await setMuted(this.#accountId, this.#conversationId, muted);
      this.conversation = { ...this.conversation, muted: saved.muted, status: saved.status };
      this.#list.upsert(this.conversation);
    } catch (error) {
      this.actionError = (error as Error).message;
    } finally {
      this.busy = false;
    }
  };

  saveLabels = async (labels: string[]) => {
    if (!this.conversation) return;
    const previous = this.conversation.labels;
    this.conversation = { ...this.conversation, labels };
    this.actionError = null;
    try {
      const saved = await setLabels(this.#accountId, this.#conversationId, labels);
      this.conversation = { ...this.conversation, labels: saved.length || labels.length === 0 ? saved : labels };
      const added = labels.filter((label) => !previous.includes(label));
      const removed = previous.filter((label) => !labels.includes(label));
      if (added.length) this.#consoleState.toasts.success(t('toast.labelAdded', { label: added.join(', ') }));
      else if (removed.length) this.#consoleState.toasts.success(t('toast.labelRemoved', { label: removed.join(', ') }));
    } catch (error) {
      this.conversation = { ...this.conversation, labels: previous };
      this.actionError = (error as Error).message;
    }
  };
}

function statusConfirmation(status: ConversationStatus, snoozedUntil: number | null | undefined): string {
  if (status === 'snoozed') {
    return snoozedUntil ? t('conversation.snoozedUntil', { date: new Date(snoozedUntil * 1000).toLocaleString() }) : t('toast.snoozedUntilReply');
  }
  return t(`toast.status.${status}`);
}
