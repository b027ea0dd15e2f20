import { getContext, setContext } from 'svelte';
import { listConversations, type ConversationSort } from '$lib/services/conversation-service';
import type { TypingEvent } from '$lib/services/events-service';
import type { AssigneeType, Conversation, ConversationCounts, Message, StatusFilter } from '$lib/types';

const key = Symbol('parley-conversation-list');

export type MessageListener = (event: 'message.created' | 'message.updated', message: Message, conversation: Conversation) => void;
export type ConversationListener = (conversation: Conversation) => void;
export type TypingListener = (event: TypingEvent) => void;

const assigneeTypeKey = 'parley.conversations.assigneeType';

/** The view the agent chose last on this device; All by default, so nothing new hides in another tab. */
function rememberedAssigneeType(): AssigneeType {
  try {
    const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(assigneeTypeKey) : null;
    return stored === 'me' || stored === 'unassigned' || stored === 'all' ? stored : 'all';
  } catch {
    return 'all';
  }
}

/**
 * The conversation list of one account: filters, the loaded page(s), the per-view counts, and the
 * live updates from the account's event stream. The open conversation listens here too.
 */
export class ConversationListState {
  assigneeType = $state<AssigneeType>(rememberedAssigneeType());
  status = $state<StatusFilter>('open');
  inboxId = $state<number | null>(null);
  teamId = $state<number | null>(null);
  label = $state<string | null>(null);
  sortBy = $state<ConversationSort>('latest');
  items = $state<Conversation[]>([]);
  counts = $state<ConversationCounts>({ mine_count: 0, unassigned_count: 0, all_count: 0 });
  loading = $state(false);
  error = $state<string | null>(null);
  page = $state(1);
  hasMore = $state(false);
  /** The conversation on screen: it is marked read as messages arrive. */
  openConversationId = $state<number | null>(null);

  private readonly messageListeners = new Set<MessageListener>();
  private readonly conversationListeners = new Set<ConversationListener>();
  private readonly resyncListeners = new Set<() => void>();
  private readonly typingListeners = new Set<TypingListener>();
  private loadSequence = 0;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly accountId: number,
    private readonly currentUserId: number,
    private readonly request: typeof fetch = fetch,
  ) {}

  private filters(page = 1) {
    return { assigneeType: this.assigneeType, status: this.status, inboxId: this.inboxId, teamId: this.teamId, label: this.label, sortBy: this.sortBy, page };
  }

  async load(): Promise<void> {
    const sequence = ++this.loadSequence;
    this.loading = true;
    this.error = null;
    try {
      const result = await listConversations(this.accountId, this.filters(1), this.request);
      if (sequence !== this.loadSequence) return;
      this.items = this.sorted(result.payload);
      this.counts = result.meta;
      this.page = 1;
      this.hasMore = result.payload.length >= 25;
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      this.error = (error as Error).message;
    } finally {
      if (sequence === this.loadSequence) this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (this.loading || !this.hasMore) return;
    const sequence = this.loadSequence;
    this.loading = true;
    try {
      const result = await listConversations(this.accountId, this.filters(this.page + 1), this.request);
      if (sequence !== this.loadSequence) return;
      const known = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...result.payload.filter((item) => !known.has(item.id))];
      this.page += 1;
      this.hasMore = result.payload.length >= 25;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private sorted(items: Conversation[]): Conversation[] {
    return sortConversations(items, this.sortBy);
  }

  setFilters(filters: Partial<{ assigneeType: AssigneeType; status: StatusFilter; inboxId: number | null; teamId: number | null; label: string | null; sortBy: ConversationSort }>): void {
    if (filters.assigneeType !== undefined) {
      this.assigneeType = filters.assigneeType;
      try {
        localStorage.setItem(assigneeTypeKey, filters.assigneeType);
      } catch {
        // Not remembered in private mode; harmless.
      }
    }
    if (filters.status !== undefined) this.status = filters.status;
    if (filters.inboxId !== undefined) this.inboxId = filters.inboxId;
    if (filters.teamId !== undefined) this.teamId = filters.teamId;
    if (filters.label !== undefined) this.label = filters.label;
    if (filters.sortBy !== undefined) this.sortBy = filters.sortBy;
    void this.load();
  }

  /**
   * Counts depend on rows this page does not hold, so ask the API again (debounced: events come in
   * bursts). The fresh first page also corrects anything an event payload got wrong or stale.
   */
  private refreshCountsSoon(): void {
    clearTimeout(this.countsTimer);
    const sequence = this.loadSequence;
    this.countsTimer = setTimeout(async () => {
      try {
        const result = await listConversations(this.accountId, this.filters(1), this.request);
        if (sequence !== this.loadSequence) return;
        this.counts = result.meta;
        const fresh = result.payload.map((item) => (item.id === this.openConversationId ? { ...item, unread_count: 0 } : item));
        if (this.page === 1) {
          this.items = this.sorted(fresh);
          this.hasMore = result.payload.length >= 25;
        } else {
          const freshIds = new Set(fresh.map((item) => item.id));
          this.items = this.sorted([...fresh, ...this.items.filter((item) => !freshIds.has(item.id))]);
        }
      } catch {
        // The next event or reconnect tries again.
      }
    }, 400);
  }

  private matchesFilters(conversation: Conversation): boolean {
    if (this.status !== 'all' && conversation.status !== this.status) return false;
    if (this.inboxId !== null && conversation.inbox_id !== this.inboxId) return false;
    if (this.teamId !== null && conversation.meta?.team?.id !== this.teamId) return false;
    if (this.label !== null && !conversation.labels?.includes(this.label)) return false;
    const assigneeId = conversation.meta?.assignee?.id ?? null;
    if (this.assigneeType === 'me') return assigneeId === this.currentUserId;
    if (this.assigneeType === 'unassigned') return assigneeId === null;
    return true;
  }

  /** Puts the newest state of a conversation into the list (or takes it out if it no longer fits the view). */
  upsert(conversation: Conversation, lastMessage?: Message): void {
    const index = this.items.findIndex((item) => item.id === conversation.id);
    const previous = index >= 0 ? this.items[index] : undefined;
    const merged: Conversation = {
      ...previous,
      ...conversation,
      meta: { ...previous?.meta, ...conversation.meta } as Conversation['meta'],
      messages: lastMessage ? [lastMessage] : conversation.messages?.length ? conversation.messages : (previous?.messages ?? []),
    };
    if (this.openConversationId === conversation.id) merged.unread_count = 0;
    if (!this.matchesFilters(merged)) {
      if (index >= 0) this.items = this.items.filter((item) => item.id !== conversation.id);
      return;
    }
    const rest = index >= 0 ? this.items.filter((item) => item.id !== conversation.id) : this.items;
    this.items = this.sorted([merged, ...rest]);
  }

  /** Updates a conversation already in the list without moving it (e.g. after a local action). */
  patch(conversationId: number, changes: Partial<Conversation>): void {
    const current = this.items.find((item) => item.id === conversationId);
    if (current) this.upsert({ ...current, ...changes });
  }

  handleConversationEvent(conversation: Conversation): void {
    this.upsert(conversation);
    for (const listener of this.conversationListeners) listener(conversation);
    this.refreshCountsSoon();
  }

  handleMessageEvent(event: 'message.created' | 'message.updated', message: Message, conversation: Conversation): void {
    const previousLast = this.items.find((item) => item.id === conversation.id)?.messages?.[0];
    const isLast = event === 'message.created' || previousLast?.id === message.id;
    this.upsert(conversation, isLast ? message : undefined);
    for (const listener of this.messageListeners) listener(event, message, conversation);
    for (const listener of this.conversationListeners) listener(conversation);
    if (event === 'message.created') this.refreshCountsSoon();
  }

  handleTypingEvent(event: TypingEvent): void {
    for (const listener of this.typingListeners) listener(event);
  }

  onTyping(listener: TypingListener): () => void {
    this.typingListeners.add(listener);
    return () => this.typingListeners.delete(listener);
  }

  onMessage(listener: MessageListener): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** The live stream (re)connected: reload the list, and tell the open conversation to catch up. */
  resync(): void {
    void this.load();
    for (const listener of this.resyncListeners) listener();
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  onConversation(listener: ConversationListener): () => void {
    this.conversationListeners.add(listener);
    return () => this.conversationListeners.delete(listener);
  }

  /** The id next to `currentId` in the list (`step` 1 = next, -1 = previous). */
  neighbour(currentId: number | null, step: 1 | -1): number | null {
    if (this.items.length === 0) return null;
    const index = currentId === null ? -1 : this.items.findIndex((item) => item.id === currentId);
    if (index < 0) return step === 1 ? this.items[0].id : this.items[this.items.length - 1].id;
    const next = this.items[index + step];
    return next ? next.id : null;
  }

  dispose(): void {
    clearTimeout(this.countsTimer);
    this.messageListeners.clear();
    this.conversationListeners.clear();
    this.typingListeners.clear();
    this.resyncListeners.clear();
  }
}

const byActivity = (a: Conversation, b: Conversation) => (b.timestamp ?? 0) - (a.timestamp ?? 0) || b.id - a.id;
const priorityRank: Record<string, number> = { urgent: 4, high: 3, medium: 2, low: 1 };
const rankOf = (conversation: Conversation) => priorityRank[conversation.priority ?? ''] ?? 0;

/** The API's orders (`sort_by`), kept while live updates move cards: no priority sorts last either way. */
function sortConversations(items: Conversation[], sortBy: ConversationSort): Conversation[] {
  if (sortBy === 'priority_desc') return [...items].sort((a, b) => rankOf(b) - rankOf(a) || byActivity(a, b));
  if (sortBy === 'priority_asc') return [...items].sort((a, b) => (rankOf(a) === 0 ? 1 : 0) - (rankOf(b) === 0 ? 1 : 0) || rankOf(a) - rankOf(b) || byActivity(a, b));
  return [...items].sort(byActivity);
}

export function provideConversationList(state: ConversationListState): ConversationListState {
  return setContext(key, state);
}

export function useConversationList(): ConversationListState {
  return getContext<ConversationListState>(key);
}
