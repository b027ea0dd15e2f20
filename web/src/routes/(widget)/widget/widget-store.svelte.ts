import {
  createWidgetContact,
  createWidgetConversation,
  getWidgetContact,
  getWidgetInbox,
  listWidgetConversations,
  listWidgetMessages,
  sendWidgetMessage,
  toggleWidgetTyping,
  announceWidgetOpened,
  updateWidgetContact,
  updateWidgetLastSeen,
  upsertMessage,
  widgetEventsUrl,
  WidgetRequestError,
  type WidgetConversation,
  type WidgetInbox,
  type WidgetMessage,
  type WidgetUser,
} from '$lib/services/widget-service';
import type { widgetTranslator } from './widget-messages';

/** A message as shown: stored ones, plus the visitor's own while sending (negative id) or after failing. */
export type ShownMessage = WidgetMessage & { delivery?: 'sending' | 'failed'; files?: File[] };
type StoredState = { contactIdentifier?: string; conversationId?: number };

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Only well-formed ids from the host page: it is someone else's site. */
function visitorFromHost(value: unknown): StoredState {
  const visitor = value as StoredState | null;
  if (!visitor || typeof visitor.contactIdentifier !== 'string' || visitor.contactIdentifier.length === 0 || visitor.contactIdentifier.length > 200) return {};
  const conversationId = Number.isInteger(visitor.conversationId) && visitor.conversationId! > 0 ? visitor.conversationId : undefined;
  return { contactIdentifier: visitor.contactIdentifier, conversationId };
}

const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined);

/** setUser's fields from the host page, and nothing else. */
function userFromHost(value: unknown): WidgetUser | null {
  const user = (value ?? {}) as Record<string, unknown>;
  const identifier = text(user.identifier, 255);
  if (!identifier) return null;
  const fields = { identifier_hash: text(user.identifier_hash, 128), name: text(user.name, 255), email: text(user.email, 320), phone_number: text(user.phone_number, 32) };
  return { identifier, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
}

/**
 * One visitor's chat in the widget: who they are, their conversation, its messages and the live
 * stream, and what they are writing. The page and its parts only render this and call its verbs.
 */
export class WidgetChat {
  inbox = $state<WidgetInbox | null>(null);
  contactIdentifier = $state<string | null>(null);
  conversation = $state<Pick<WidgetConversation, 'id' | 'status'> | null>(null);
  messages = $state<ShownMessage[]>([]);
  draft = $state('');
  files = $state<File[]>([]);
  loading = $state(true);
  loadFailed = $state(false);
  sendError = $state<string | null>(null);
  connection = $state<'connecting' | 'open' | 'reconnecting' | 'closed'>('connecting');
  isOpen = $state(true);
  agentTyping = $state(false);

  readonly visibleMessages = $derived(this.messages.filter((m) => m.message_type !== 2));
  readonly ready = $derived(!this.loading && this.contactIdentifier !== null);

  private readonly storageKey: string;
  // widget.js keeps the visitor first-party on the host page and hands it over; opened any other way the
  // widget falls back to its own storage, which browsers refuse or partition when it is embedded cross-site.
  readonly hostKeepsVisitor: boolean;
  /** The host page's origin, learnt from its first message; the visitor's id is only ever sent there. */
  private hostOrigin: string | null = null;
  private handedVisitor: StoredState = {};
  /** A setUser that arrived before the visitor was known; applied once they are. */
  private pendingUser: WidgetUser | null = null;

  private nextLocalId = -1;
  private source: EventSource | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectDelayMs = 2_000;
  private connectedBefore = false;
  private creatingConversation: Promise<number> | null = null;
  private typingAnnounced = false;
  private typingIdleTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The visitor opened the chat before they were known: announced once they are. */
  private openedBeforeStart = false;

  constructor(
    readonly websiteToken: string,
    private readonly options: { hostPage?: string; hostKeepsVisitor: boolean; t: ReturnType<typeof widgetTranslator> },
  ) {
    this.storageKey = `parley:widget:${websiteToken}`;
    this.hostKeepsVisitor = options.hostKeepsVisitor;
  }

  // Storage can be blocked in third-party iframes; the chat then simply lasts as long as the page.
  private readStored(): StoredState {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) ?? '{}') as StoredState;
    } catch {
      return {};
    }
  }
  private writeStored(state: StoredState) {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(state));
    } catch {
      /* storage unavailable */
    }
    if (this.hostOrigin) window.parent.postMessage({ type: 'parley:store-visitor', visitor: state }, this.hostOrigin);
  }

  tellHost(type: 'parley:unread' | 'parley:close') {
    // Carries no content: the host page is someone else's site.
    window.parent?.postMessage({ type }, '*');
  }

  /** Starts at once, or after the host page has handed over the visitor it keeps. */
  begin() {
    if (!this.websiteToken) this.loading = false;
    // Carries nothing: the host page answers with the visitor it keeps, to Parley's origin only.
    else if (this.hostKeepsVisitor) window.parent.postMessage({ type: 'parley:ready' }, '*');
    else void this.start();
  }

  /** The host page's answer to `parley:ready`; the caller has checked it comes from the parent window. */
  receiveVisitorFromHost(origin: string, visitor: unknown) {
    if (!this.hostKeepsVisitor || this.hostOrigin || origin === 'null') return;
    this.hostOrigin = origin;
    this.handedVisitor = visitorFromHost(visitor);
    void this.start();
  }

  async start() {
    this.loading = true;
    this.loadFailed = false;
    try {
      this.inbox = await getWidgetInbox(this.websiteToken);
      const stored = this.handedVisitor.contactIdentifier ? this.handedVisitor : this.readStored();
      if (stored.contactIdentifier) {
        try {
          await getWidgetContact(this.websiteToken, stored.contactIdentifier);
          this.contactIdentifier = stored.contactIdentifier;
        } catch (error) {
          if (!(error instanceof WidgetRequestError && error.status === 404)) throw error;
        }
      }
      if (!this.contactIdentifier) {
        const contact = await createWidgetContact(this.websiteToken);
        this.contactIdentifier = contact.source_id;
        this.writeStored({ contactIdentifier: this.contactIdentifier });
      }
      const identified = this.pendingUser ? await this.identify(this.pendingUser) : 'same';
      await this.loadConversation(identified === 'same' ? stored.conversationId : undefined);
      this.connect();
    } catch {
      this.loadFailed = true;
    } finally {
      this.loading = false;
    }
    // A setUser that came in while the visitor was being looked up.
    if (this.pendingUser && this.contactIdentifier) this.setUser(this.pendingUser);
    if (this.openedBeforeStart && this.contactIdentifier) this.announceOpened();
  }

  /** The host page opened the chat: tells Parley (webwidget_triggered); best effort, the chat works regardless. */
  announceOpened() {
    if (!this.contactIdentifier || this.loading) {
      this.openedBeforeStart = true;
      return;
    }
    this.openedBeforeStart = false;
    const eventInfo = {
      referer: this.options.hostPage,
      widget_language: document.documentElement.lang || undefined,
      browser_language: navigator.language,
      initiated_at: { timestamp: new Date().toString() },
    };
    void announceWidgetOpened(this.websiteToken, this.contactIdentifier, eventInfo).catch(() => {});
  }

  /** The host page's setUser: applied now, or as soon as the visitor is known. */
  setUser(value: unknown) {
    const user = userFromHost(value);
    if (!user) return;
    this.pendingUser = user;
    if (this.contactIdentifier && !this.loading) {
      void this.identify(user).then(async (outcome) => {
        if (outcome === 'same') return;
        await this.loadConversation();
        this.connect();
      });
    }
  }

  /**
   * Tells Parley who the visitor is. Someone else signing in on this browser gets a visitor of their
   * own, so they never see the previous person's chat. A refused or unproven claim leaves the visitor
   * as they were: the chat still works, anonymously.
   */
  private async identify(user: WidgetUser): Promise<'same' | 'new visitor'> {
    this.pendingUser = null;
    try {
      await updateWidgetContact(this.websiteToken, this.contactIdentifier!, user);
      return 'same';
    } catch (error) {
      if (!(error instanceof WidgetRequestError && error.status === 409)) return 'same';
    }
    try {
      const contact = await createWidgetContact(this.websiteToken, user);
      this.contactIdentifier = contact.source_id;
      this.conversation = null;
      this.messages = [];
      this.writeStored({ contactIdentifier: contact.source_id });
      return 'new visitor';
    } catch {
      return 'same';
    }
  }

  /** The remembered conversation if it is still the visitor's, else their newest one (none before the first message). */
  private async loadConversation(preferredId?: number) {
    if (!this.contactIdentifier) return;
    const conversations = await listWidgetConversations(this.websiteToken, this.contactIdentifier);
    const chosen = conversations.find((c) => c.id === preferredId) ?? conversations[0];
    if (!chosen) return;
    this.conversation = { id: chosen.id, status: chosen.status };
    this.writeStored({ contactIdentifier: this.contactIdentifier, conversationId: chosen.id });
    this.messages = chosen.messages.reduce<ShownMessage[]>((list, m) => upsertMessage(list, m), []);
    this.markSeen();
  }

  /** After a reconnect: whatever arrived while the stream was down, keeping messages still being sent. */
  private async refetch() {
    if (!this.contactIdentifier) return;
    if (!this.conversation) return this.loadConversation();
    const fresh = await listWidgetMessages(this.websiteToken, this.contactIdentifier, this.conversation.id);
    const local = this.messages.filter((m) => m.id < 0);
    this.messages = [...fresh, ...local].reduce<ShownMessage[]>((list, m) => upsertMessage(list, m), []);
  }

  private connect() {
    if (!this.contactIdentifier) return;
    clearTimeout(this.reconnectTimer);
    this.source?.close();
    this.connection = this.connectedBefore ? 'reconnecting' : 'connecting';
    const events = new EventSource(widgetEventsUrl(this.websiteToken, this.contactIdentifier));
    this.source = events;
    events.addEventListener('ready', () => {
      this.connection = 'open';
      this.reconnectDelayMs = 2_000;
      if (this.connectedBefore) void this.refetch().catch(() => {});
      this.connectedBefore = true;
    });
    // The stream fell behind and dropped events: refetch, as after a reconnect.
    events.addEventListener('resync', () => void this.refetch().catch(() => {}));
    // This visitor no longer exists (contact or inbox deleted): stop, and do not reconnect.
    events.addEventListener('revoked', () => {
      events.close();
      clearTimeout(this.reconnectTimer);
      this.connection = 'closed';
    });
    const onMessage = (event: MessageEvent<string>) => this.receive(JSON.parse(event.data) as WidgetMessage);
    events.addEventListener('message.created', onMessage);
    events.addEventListener('message.updated', onMessage);
    events.addEventListener('conversation.status_changed', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { id: number; status: WidgetConversation['status'] };
      if (this.conversation?.id === data.id) this.conversation = { ...this.conversation, status: data.status };
    });
    const onTyping = (typing: boolean) => (event: Event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { id: number };
      if (this.conversation?.id !== data.id) return;
      this.agentTyping = typing;
      // A lost "typing off" must not leave the indicator on forever.
      clearTimeout(this.agentTypingTimer);
      if (typing) this.agentTypingTimer = setTimeout(() => (this.agentTyping = false), 30_000);
    };
    events.addEventListener('conversation.typing_on', onTyping(true));
    events.addEventListener('conversation.typing_off', onTyping(false));
    events.addEventListener('conversation.created', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as WidgetConversation;
      if (!this.conversation) {
        this.conversation = { id: data.id, status: data.status };
        this.writeStored({ contactIdentifier: this.contactIdentifier!, conversationId: data.id });
      }
    });
    events.onerror = () => {
      this.connection = 'reconnecting';
      // EventSource retries by itself after network errors; after an HTTP error (429, 502) it gives up, so we retry.
      if (events.readyState === EventSource.CLOSED) {
        this.reconnectTimer = setTimeout(() => this.connect(), this.reconnectDelayMs);
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 30_000);
      }
    };
  }

  private receive(message: WidgetMessage) {
    if (!this.conversation || message.conversation_id !== this.conversation.id || message.message_type === 2) return;
    this.messages = upsertMessage(this.messages, message);
    if (message.message_type !== 0) {
      this.agentTyping = false;
      if (this.isOpen && document.visibilityState === 'visible') this.markSeen();
      else this.tellHost('parley:unread');
    }
  }

  markSeen() {
    if (this.contactIdentifier && this.conversation) void updateWidgetLastSeen(this.websiteToken, this.contactIdentifier, this.conversation.id).catch(() => {});
  }

  /** Tells agents the visitor is typing: once when it starts, "off" after 4 s without a keystroke or on send. */
  announceTyping(typing: boolean) {
    clearTimeout(this.typingIdleTimer);
    if (typing) this.typingIdleTimer = setTimeout(() => this.announceTyping(false), 4_000);
    if (typing === this.typingAnnounced || !this.conversation || !this.contactIdentifier) return;
    this.typingAnnounced = typing;
    void toggleWidgetTyping(this.websiteToken, this.contactIdentifier, this.conversation.id, typing).catch(() => {});
  }

  /** The conversation starts with the visitor's first message; concurrent sends share one creation. */
  private async ensureConversation(): Promise<number> {
    if (this.conversation) return this.conversation.id;
    this.creatingConversation ??= createWidgetConversation(this.websiteToken, this.contactIdentifier!, { refererUrl: this.options.hostPage })
      .then((created) => {
        this.conversation = { id: created.id, status: created.status };
        this.writeStored({ contactIdentifier: this.contactIdentifier!, conversationId: created.id });
        return created.id;
      })
      .finally(() => {
        this.creatingConversation = null;
      });
    return this.creatingConversation;
  }

  async send() {
    const content = this.draft.trim();
    if ((!content && this.files.length === 0) || !this.contactIdentifier) return;
    const local: ShownMessage = {
      id: this.nextLocalId--,
      content: content || null,
      message_type: 0,
      content_type: 'text',
      content_attributes: {},
      created_at: Math.floor(Date.now() / 1000),
      conversation_id: this.conversation?.id ?? 0,
      status: 'sent',
      echo_id: randomId(),
      attachments: [],
      sender: null,
      delivery: 'sending',
      files: this.files,
    };
    this.messages = upsertMessage(this.messages, local);
    this.draft = '';
    this.files = [];
    this.announceTyping(false);
    await this.deliver(local);
  }

  async deliver(local: ShownMessage) {
    this.sendError = null;
    this.messages = this.messages.map((m) => (m.echo_id === local.echo_id ? { ...m, delivery: 'sending' } : m));
    try {
      const conversationId = await this.ensureConversation();
      const stored = await sendWidgetMessage(this.websiteToken, this.contactIdentifier!, conversationId, {
        content: local.content ?? '',
        echoId: local.echo_id!,
        files: local.files,
      });
      this.messages = upsertMessage(this.messages, stored);
    } catch (error) {
      this.messages = this.messages.map((m) => (m.echo_id === local.echo_id && m.id < 0 ? { ...m, delivery: 'failed' } : m));
      this.sendError = error instanceof WidgetRequestError && error.status === 422 ? error.message : this.options.t('sendFailed');
    }
  }

  addFiles(chosen: File[]) {
    this.files = [...this.files, ...chosen];
  }

  removeFile(index: number) {
    this.files = this.files.filter((_, i) => i !== index);
  }

  close() {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.typingIdleTimer);
    clearTimeout(this.agentTypingTimer);
    this.source?.close();
  }
}
