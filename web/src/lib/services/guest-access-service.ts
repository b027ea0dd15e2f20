import type { Message } from '$lib/types';
import { accountPath, apiRequest, unwrapList, type RequestFunction } from './http';

export interface GuestAccess {
  id: number;
  email: string;
  status: 'active' | 'revoked';
  created_by: { id: number; name: string } | null;
  created_at: number;
  last_sign_in_at: number | null;
  revoked_at: number | null;
  email_sent?: boolean;
}

export interface CreatedGuestAccess extends GuestAccess {
  email_sent: boolean;
  portal_url: string;
  generated_password: string | null;
  message: Message;
}

export interface CreateGuestAccessInput {
  email: string;
  password: string;
  content: string;
  files: File[];
  sendEmail: boolean;
  includePassword: boolean;
}

const accessesPath = (accountId: number, conversationId: number, rest = '') => accountPath(accountId, `/conversations/${conversationId}/guest_accesses${rest}`);

export async function listGuestAccesses(accountId: number, conversationId: number, request: RequestFunction = fetch): Promise<GuestAccess[]> {
  return unwrapList<GuestAccess>(await apiRequest(request, accessesPath(accountId, conversationId)));
}

export function createGuestAccess(accountId: number, conversationId: number, input: CreateGuestAccessInput, request: RequestFunction = fetch): Promise<CreatedGuestAccess> {
  const form = new FormData();
  form.set('email', input.email);
  form.set('password', input.password);
  form.set('content', input.content);
  form.set('send_email', String(input.sendEmail));
  form.set('include_password', String(input.includePassword));
  for (const file of input.files) form.append('attachments[]', file, file.name);
  return apiRequest<CreatedGuestAccess>(request, accessesPath(accountId, conversationId), { method: 'POST', body: form });
}

export const revokeGuestAccess = (accountId: number, conversationId: number, accessId: number, request: RequestFunction = fetch) =>
  apiRequest<GuestAccess>(request, accessesPath(accountId, conversationId, `/${accessId}`), { method: 'DELETE' });

export const resetGuestPassword = (accountId: number, conversationId: number, accessId: number, request: RequestFunction = fetch) =>
  apiRequest<GuestAccess>(request, accessesPath(accountId, conversationId, `/${accessId}/reset_password`), { method: 'POST' });

export const resendGuestAccess = (accountId: number, conversationId: number, accessId: number, request: RequestFunction = fetch) =>
  apiRequest<GuestAccess>(request, accessesPath(accountId, conversationId, `/${accessId}/resend`), { method: 'POST' });

/** A readable random password (no look-alike characters), made in the browser so the agent can show and copy it. */
export function generateGuestPassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
