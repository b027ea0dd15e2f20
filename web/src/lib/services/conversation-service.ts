import type { AssigneeType, Conversation, ConversationCounts, ConversationStatus, StatusFilter } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export interface ConversationFilters {
  assigneeType: AssigneeType;
  status: StatusFilter;
  inboxId?: number | null;
  teamId?: number | null;
  /** A label title: only conversations carrying it. */
  label?: string | null;
  sortBy?: ConversationSort;
  page?: number;
}

export type ConversationSort = 'latest' | 'priority_desc' | 'priority_asc';

export interface ConversationPage {
  meta: ConversationCounts;
  payload: Conversation[];
}

export async function listConversations(accountId: number, filters: ConversationFilters, request: RequestFunction = fetch): Promise<ConversationPage> {
  const body = await apiRequest<{ data: ConversationPage }>(request, accountPath(accountId, '/conversations'), {
    query: { assignee_type: filters.assigneeType, status: filters.status, inbox_id: filters.inboxId ?? undefined,
      team_id: filters.teamId ?? undefined,
      labels: filters.label ?? undefined,
      sort_by: filters.sortBy && filters.sortBy !== 'latest' ? filters.sortBy : undefined,
      page: filters.page ?? 1,
    },
  });
  return {
    meta: {
      mine_count: body?.data?.meta?.mine_count ?? 0,
      unassigned_count: body?.data?.meta?.unassigned_count ?? 0,
      all_count: body?.data?.meta?.all_count ?? 0,
    },
    payload: body?.data?.payload ?? [],
  };
}

/** How many conversations the account has in any status: zero means a new account with nothing to show yet. */
export async function countAllConversations(accountId: number, request: RequestFunction = fetch): Promise<number> {
  const body = await apiRequest<{ meta: ConversationCounts }>(request, accountPath(accountId, '/conversations/meta'), { query: { status: 'all' } });
  return body?.meta?.all_count ?? 0;
}

export async function getConversation(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<Conversation> {
  return unwrap<Conversation>(await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}`)));
}

export interface ToggleStatusResult {
  success: boolean;
  current_status: ConversationStatus;
  conversation_id: number;
  snoozed_until: number | null;
}

export async function toggleStatus(
  accountId: number,
  conversationId: number,
  input: { status?: ConversationStatus; snoozed_until?: number },
  request: RequestFunction = fetch,
): Promise<ToggleStatusResult> {
  const body = await apiRequest<{ payload: ToggleStatusResult }>(request, accountPath(accountId, `/conversations/${conversationId}/toggle_status`), {
    method: 'POST',
    body: input,
  });
  return body.payload;
}

export async function assignConversation(accountId: number, conversationId: number, assigneeId: number | null, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/assignments`), {
    method: 'POST',
    body: { assignee_id: assigneeId },
  });
}

export interface AccountLabel {
  title: string;
  color: string;
  /** Offered as a filter beside the conversation list. */
  show_on_sidebar?: boolean;
}

/** The account's labels with their colours, as list cards and the conversation header draw them. */
export async function listAccountLabelColors(accountId: number, request: RequestFunction = fetch): Promise<AccountLabel[]> {
  return unwrapList<AccountLabel>(await apiRequest(request, accountPath(accountId, '/labels'))).map(({ title, color, show_on_sidebar }) => ({ title, color, show_on_sidebar }));
}

export async function assignTeam(accountId: number, conversationId: number, teamId: number | null, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/assignments`), { method: 'POST', body: { team_id: teamId } });
}

export type Priority = 'urgent' | 'high' | 'medium' | 'low';

/** Sets or clears (null) the priority; answers the conversation afterwards. */
export async function setPriority(accountId: number, conversationId: number, priority: Priority | null, request: RequestFunction = fetch): Promise<Conversation> {
  return apiRequest<Conversation>(request, accountPath(accountId, `/conversations/${conversationId}/toggle_priority`), { method: 'POST', body: { priority } });
}

/** Mute resolves and keeps it resolved on customer messages; unmute lets the next one reopen it. */
export async function setMuted(accountId: number, conversationId: number, muted: boolean, request: RequestFunction = fetch): Promise<Conversation> {
  return apiRequest<Conversation>(request, accountPath(accountId, `/conversations/${conversationId}/${muted ? 'mute' : 'unmute'}`), { method: 'POST' });
}

/** The account's label titles: what a conversation may be labelled with (only administrators create new ones). */
export async function listAccountLabels(accountId: number, request: RequestFunction = fetch): Promise<string[]> {
  return unwrapList<{ title: string }>(await apiRequest(request, accountPath(accountId, '/labels'))).map((label) => label.title);
}

export async function setLabels(accountId: number, conversationId: number, labels: string[], request: RequestFunction = fetch): Promise<string[]> {
  const body = await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/labels`), { method: 'POST', body: { labels } });
  return unwrapList<string>(body);
}

export async function markConversationRead(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/update_last_seen`), { method: 'POST' });
}

export interface NewConversationInput {
  inbox_id: number;
  contact_id: number;
  additional_attributes?: Record<string, unknown>;
  /** Left out: the conversation is created and nothing is sent. */
  message?: { content: string; cc_emails?: string; to_emails?: string };
}

/** Chatwoot's `POST /conversations`; the creating agent becomes the assignee when a message is sent. */
export async function createConversation(accountId: number, input: NewConversationInput, request: RequestFunction = fetch): Promise<Conversation> {
  return unwrap<Conversation>(await apiRequest(request, accountPath(accountId, '/conversations'), { method: 'POST', body: input }));
}
