import { getContext, setContext } from 'svelte';
import { listDirectConversations, type DirectConversation, type DirectMessage } from '$lib/services/direct-message-service';

const key = Symbol('parley-direct-messages');

/** The user's direct conversations, and the open one's messages, kept live by the account's event stream. */
export class DirectMessagesState {
  conversations = $state<DirectConversation[]>([]);
  openId = $state<number | null>(null);
  messages = $state<DirectMessage[]>([]);
  /** Called for a message arriving in the open conversation (the page marks it read). */
  onOpenMessage: ((message: DirectMessage) => void) | undefined;

  constructor(readonly accountId: number) {}

  unreadTotal = $derived(this.conversations.reduce((sum, conversation) => sum + conversation.unread_count, 0));

  async load(): Promise<void> {
    this.conversations = await listDirectConversations(this.accountId);
  }

  upsert(conversation: DirectConversation): void {
    const others = this.conversations.filter((known) => known.id !== conversation.id);
    this.conversations = [conversation, ...others].sort((a, b) => b.last_activity_at - a.last_activity_at || b.id - a.id);
  }

  addMessage(message: DirectMessage): void {
    if (message.conversation_id !== this.openId || this.messages.some((known) => known.id === message.id)) return;
    this.messages = [...this.messages, message];
  }

  handleEvent(name: 'direct_message.created' | 'direct_conversation.updated', data: { conversation: DirectConversation; message?: DirectMessage }): void {
    this.upsert(data.conversation);
    if (name === 'direct_message.created' && data.message && data.message.conversation_id === this.openId) {
      const known = this.messages.some((message) => message.id === data.message!.id);
      this.addMessage(data.message);
      if (!known) this.onOpenMessage?.(data.message);
    }
  }
}

export const provideDirectMessages = (state: DirectMessagesState) => setContext(key, state);
export const useDirectMessages = () => getContext<DirectMessagesState>(key);
