import type { Contact, Message } from '$lib/types';
import { accountPath, apiRequest, unwrap, type RequestFunction } from './http';

export interface MessagePage {
  meta: { contact?: Contact; assignee?: unknown; labels?: string[] };
  payload: Message[];
}

/** Oldest → newest; `before` pages back from a message id. */
export async function listMessages(accountId: number, conversationId: number, before?: number, request: RequestFunction = fetch): Promise<MessagePage> {
  const body = await apiRequest<MessagePage>(request, accountPath(accountId, `/conversations/${conversationId}/messages`), {
    query: { before },
  });
  return { meta: body?.meta ?? {}, payload: body?.payload ?? [] };
}

export interface SendMessageInput {
  content: string;
  private: boolean;
  echoId?: string;
  files?: File[];
}

export async function sendMessage(accountId: number, conversationId: number, input: SendMessageInput, request: RequestFunction = fetch): Promise<Message> {
  const path = accountPath(accountId, `/conversations/${conversationId}/messages`);
  let body: unknown;
  if (input.files && input.files.length > 0) {
    const form = new FormData();
    form.set('content', input.content);
    form.set('message_type', 'outgoing');
    form.set('private', String(input.private));
    if (input.echoId) form.set('echo_id', input.echoId);
    for (const file of input.files) form.append('attachments[]', file, file.name);
    body = form;
  } else {
    body = { content: input.content, message_type: 'outgoing', private: input.private, echo_id: input.echoId };
  }
  return unwrap<Message>(await apiRequest(request, path, { method: 'POST', body }));
}

/** Stops a message still in its send-interruption window; the answer carries its text for the composer. */
export async function interruptMessage(accountId: number, conversationId: number, messageId: number, request: RequestFunction = fetch): Promise<Message> {
  return unwrap<Message>(await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/messages/${messageId}/interrupt`), { method: 'POST' }));
}

/** Leaves Chatwoot's "This message was deleted" stub in place of the message, for everyone. */
export async function deleteMessage(accountId: number, conversationId: number, messageId: number, request: RequestFunction = fetch): Promise<Message> {
  return unwrap<Message>(await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/messages/${messageId}`), { method: 'DELETE' }));
}

/** Tells the others (the visitor too, unless it is a private note) that the agent started or stopped typing. */
export async function toggleTyping(accountId: number, conversationId: number, typing: boolean, isPrivate: boolean, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/toggle_typing_status`), {
    method: 'POST',
    body: { typing_status: typing ? 'on' : 'off', is_private: isPrivate },
  });
}

/** Sends a failed message again. */
export async function retryMessage(accountId: number, conversationId: number, messageId: number, request: RequestFunction = fetch): Promise<Message> {
  return unwrap<Message>(await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/messages/${messageId}/retry`), { method: 'POST' }));
}

export interface ScheduledMessage {
  id: number;
  conversation_id: number;
  content: string | null;
  send_at: number;
  status: 'pending' | 'sent' | 'cancelled';
  attachments: Array<{ file_name: string }>;
}

const scheduledPath = (accountId: number, conversationId: number, id?: number) =>
  accountPath(accountId, `/conversations/${conversationId}/scheduled_messages${id ? `/${id}` : ''}`);

export async function listScheduledMessages(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<ScheduledMessage[]> {
  const body = await apiRequest<{ payload: ScheduledMessage[] }>(request, scheduledPath(accountId, conversationId));
  return body?.payload ?? [];
}

/** `sendAt` is the agent's local time; it travels as ISO 8601 with the browser's offset. */
export async function scheduleMessage(accountId: number, conversationId: number, input: { content: string; sendAt: Date; files: File[] }, request: RequestFunction = fetch) {
  const form = new FormData();
  form.set('content', input.content);
  form.set('send_at', input.sendAt.toISOString());
  for (const file of input.files) form.append('attachments[]', file, file.name);
  return unwrap<ScheduledMessage>(await apiRequest(request, scheduledPath(accountId, conversationId), { method: 'POST', body: form }));
}

export async function updateScheduledMessage(accountId: number, conversationId: number, id: number, change: { content?: string; sendAt?: Date }, request: RequestFunction = fetch) {
  const body = { ...(change.content !== undefined ? { content: change.content } : {}), ...(change.sendAt ? { send_at: change.sendAt.toISOString() } : {}) };
  return unwrap<ScheduledMessage>(await apiRequest(request, scheduledPath(accountId, conversationId, id), { method: 'PATCH', body }));
}

export async function cancelScheduledMessage(accountId: number, conversationId: number, id: number, request: RequestFunction = fetch) {
  return unwrap<ScheduledMessage>(await apiRequest(request, scheduledPath(accountId, conversationId, id), { method: 'DELETE' }));
}

export async function sendTranscript(accountId: number, conversationId: number, email: string, request: RequestFunction = fetch) {
  return unwrap<{ message_id: number; email: string }>(
    await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/transcript`), { method: 'POST', body: email ? { email } : {} }),
  );
}
