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

/** Sends a failed message again. */
export async function retryMessage(accountId: number, conversationId: number, messageId: number, request: RequestFunction = fetch): Promise<Message> {
  return unwrap<Message>(await apiRequest(request, accountPath(accountId, `/conversations/${conversationId}/messages/${messageId}/retry`), { method: 'POST' }));
}
