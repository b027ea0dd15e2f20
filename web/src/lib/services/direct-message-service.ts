import { accountPath, apiRequest, unwrapList, type RequestFunction } from './http';

export interface DirectAttachment {
  id: number;
  file_name: string;
  file_type: string;
  content_type: string;
  file_size: number;
  data_url: string;
}

export interface DirectMessage {
  id: number;
  conversation_id: number;
  content: string | null;
  echo_id: string | null;
  sender: { id: number; name: string; type: 'user' } | null;
  attachments: DirectAttachment[];
  created_at: number;
}

export interface DirectConversation {
  id: number;
  account_id: number;
  participants: Array<{ id: number; name: string; email: string }>;
  unread_count: number;
  last_message: DirectMessage | null;
  created_by_id: number | null;
  created_at: number;
  last_activity_at: number;
}

const path = (accountId: number, rest = '') => accountPath(accountId, `/direct_conversations${rest}`);

export async function listDirectConversations(accountId: number, request: RequestFunction = fetch): Promise<DirectConversation[]> {
  return unwrapList<DirectConversation>(await apiRequest(request, path(accountId)));
}

export const createDirectConversation = (accountId: number, input: { userIds: number[]; content: string }, request: RequestFunction = fetch) =>
  apiRequest<DirectConversation>(request, path(accountId), { method: 'POST', body: { user_ids: input.userIds, content: input.content } });

export async function listDirectMessages(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<DirectMessage[]> {
  return unwrapList<DirectMessage>(await apiRequest(request, path(accountId, `/${conversationId}/messages`)));
}

export function sendDirectMessage(accountId: number, conversationId: number, input: { content: string; files: File[]; echoId: string }, request: RequestFunction = fetch) {
  let body: unknown = { content: input.content, echo_id: input.echoId };
  if (input.files.length) {
    const form = new FormData();
    form.set('content', input.content);
    form.set('echo_id', input.echoId);
    for (const file of input.files) form.append('attachments[]', file, file.name);
    body = form;
  }
  return apiRequest<DirectMessage>(request, path(accountId, `/${conversationId}/messages`), { method: 'POST', body });
}

export const addDirectParticipants = (accountId: number, conversationId: number, userIds: number[], request: RequestFunction = fetch) =>
  apiRequest<DirectConversation>(request, path(accountId, `/${conversationId}/participants`), { method: 'POST', body: { user_ids: userIds } });

export const markDirectConversationRead = (accountId: number, conversationId: number, request: RequestFunction = fetch) =>
  apiRequest<DirectConversation>(request, path(accountId, `/${conversationId}/update_last_seen`), { method: 'POST' });
