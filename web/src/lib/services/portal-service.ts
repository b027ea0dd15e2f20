import type { Attachment } from '$lib/types';
import { apiRequest, unwrapList, type RequestFunction } from './http';

export interface Portal {
  account: { id: number; name: string; locale: string };
}

export interface GuestProfile extends Portal {
  guest: { id: number; email: string };
  conversations: Array<{ id: number; number: number; status: string; given_at: number }>;
}

export interface PortalMessage {
  id: number;
  content: string | null;
  message_type: number;
  created_at: number;
  conversation_id: number;
  attachments: Attachment[];
  sender: { id: number; name: string; type: string } | null;
}

export interface PortalDocument {
  id: number;
  message_id: number;
  file_name: string;
  file_type: string;
  file_size: number;
  data_url: string;
  shared_by: { type: string | null; name: string; is_you: boolean };
  created_at: number;
}

export const portalPath = (accountId: number | string, rest = '') => `/public/api/v1/portal/${accountId}${rest}`;

export const getPortal = (accountId: number, request: RequestFunction = fetch) => apiRequest<Portal>(request, portalPath(accountId));

export const signInToPortal = (accountId: number, input: { email: string; password: string }, request: RequestFunction = fetch) =>
  apiRequest<GuestProfile>(request, portalPath(accountId, '/sign_in'), { method: 'POST', body: input });

export const signOutOfPortal = (accountId: number, request: RequestFunction = fetch) => apiRequest(request, portalPath(accountId, '/sign_out'), { method: 'DELETE' });

export const getGuestProfile = (accountId: number, request: RequestFunction = fetch) => apiRequest<GuestProfile>(request, portalPath(accountId, '/profile'));

export const requestPortalPasswordLink = (accountId: number, email: string, request: RequestFunction = fetch) =>
  apiRequest(request, portalPath(accountId, '/password/forgot'), { method: 'POST', body: { email } });

export const setPortalPassword = (accountId: number, input: { token: string; password: string }, request: RequestFunction = fetch) =>
  apiRequest(request, portalPath(accountId, '/password'), { method: 'POST', body: input });

export async function listPortalMessages(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<PortalMessage[]> {
  return unwrapList<PortalMessage>(await apiRequest(request, portalPath(accountId, `/conversations/${conversationId}/messages`)));
}

export async function listPortalDocuments(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<PortalDocument[]> {
  return unwrapList<PortalDocument>(await apiRequest(request, portalPath(accountId, `/conversations/${conversationId}/documents`)));
}

export function sendPortalMessage(accountId: number, conversationId: number, input: { content: string; files: File[]; echoId: string }, request: RequestFunction = fetch) {
  const form = new FormData();
  form.set('content', input.content);
  form.set('echo_id', input.echoId);
  for (const file of input.files) form.append('attachments[]', file, file.name);
  return apiRequest<PortalMessage>(request, portalPath(accountId, `/conversations/${conversationId}/messages`), { method: 'POST', body: form });
}

/** The guest's live stream: new messages, `resync` (refetch) and `revoked` (the session or access ended: sign in again). */
export function connectPortalEvents(
  accountId: number,
  handlers: { onMessage: (message: PortalMessage) => void; onResync: () => void; onRevoked: () => void },
): () => void {
  const source = new EventSource(portalPath(accountId, '/events'));
  source.addEventListener('ready', () => handlers.onResync());
  source.addEventListener('resync', () => handlers.onResync());
  source.addEventListener('revoked', () => {
    source.close();
    handlers.onRevoked();
  });
  const onMessage = (event: Event) => {
    try {
      handlers.onMessage(JSON.parse((event as MessageEvent).data) as PortalMessage);
    } catch {
      // A malformed event is skipped; the next resync fetches everything.
    }
  };
  source.addEventListener('message.created', onMessage);
  source.addEventListener('message.updated', onMessage);
  source.onerror = () => {
    // Refused for good (401 after the session ended): the browser will not retry by itself.
    if (source.readyState === EventSource.CLOSED) handlers.onRevoked();
  };
  return () => source.close();
}
