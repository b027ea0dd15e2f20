import { getContext, setContext } from 'svelte';
import type { Agent, Availability, Inbox, Profile, RolePermission } from '$lib/types';
import { Toasts } from './toasts.svelte';

const key = Symbol('parley-console');

/** An entry of the Cmd/Ctrl+K command bar. */
export interface Command {
  id: string;
  label: string;
  /** Extra words that should find it (e.g. the English name in a translated UI). */
  keywords?: string;
  group: 'navigation' | 'conversation';
  run: () => void | Promise<void>;
}

/** What every console page of one account shares: who is signed in, the account's inboxes and agents. */
export class ConsoleState {
  profile = $state<Profile>() as Profile;
  accountId = $state(0);
  inboxes = $state<Inbox[]>([]);
  agents = $state<Agent[]>([]);
  /** The account's labels and their colours. */
  labels = $state<{ title: string; color: string; show_on_sidebar?: boolean }[]>([]);
  liveConnected = $state(false);
  /** Counts conversation and message events (and resyncs) from the live stream: pages showing aggregates refetch when it moves. */
  liveActivity = $state(0);
  /** Bumped when contacts change in bulk (an import finished, a merge), so the contacts list reloads. */
  contactsRevision = $state(0);
  shortcutsOpen = $state(false);
  commandBarOpen = $state(false);
  /** Actions of the conversation on screen; the conversation view fills and clears this. */
  conversationCommands = $state<Command[]>([]);
  /** Confirmations and failures of the agent's actions, shown in the corner. */
  readonly toasts = new Toasts();

  constructor(profile: Profile, accountId: number) {
    this.profile = profile;
    this.accountId = accountId;
  }

  account = $derived(this.profile.accounts.find((account) => account.id === this.accountId));
  isAdministrator = $derived(this.account?.role === 'administrator');

  /** Whether the user's role grants a permission: the console hides what it does not (the API refuses it anyway). */
  can(permission: RolePermission): boolean {
    return this.isAdministrator || (this.account?.permissions ?? ['conversation_manage', 'contact_manage']).includes(permission);
  }
  availability = $derived<Availability>(this.account?.availability_status ?? 'offline');

  /** A label's colour; a label made a moment ago that the console has not loaded yet gets the default. */
  labelColor(title: string): string {
    return this.labels.find((label) => label.title === title)?.color ?? '#1f93ff';
  }

  inboxName(inboxId: number): string {
    return this.inboxes.find((inbox) => inbox.id === inboxId)?.name ?? '';
  }

  setAvailability(availability: Availability): void {
    const account = this.profile.accounts.find((candidate) => candidate.id === this.accountId);
    if (account) account.availability_status = availability;
  }
}

export function provideConsole(state: ConsoleState): ConsoleState {
  return setContext(key, state);
}

export function useConsole(): ConsoleState {
  return getContext<ConsoleState>(key);
}
