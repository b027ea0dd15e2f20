import type { Availability, Profile, ReceivedInvitation } from '$lib/types';
import { apiRequest, type RequestFunction } from './http';

export function getProfile(request: RequestFunction = fetch): Promise<Profile> {
  return apiRequest<Profile>(request, '/api/v1/profile');
}

/** Chatwoot's `POST /api/v1/profile/availability` with `{ profile: { availability, account_id } }`. */
export async function setAvailability(accountId: number, availability: Availability, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, '/api/v1/profile/availability', {
    method: 'POST',
    body: { profile: { availability, account_id: accountId } },
  });
}

/** The API stores Chatwoot-style locale codes (`pt_BR`); the console uses BCP 47 tags (`pt-BR`). */
export async function setUiLocale(uiLocale: string, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, '/api/v1/profile', { method: 'PUT', body: { profile: { ui_locale: uiLocale.replace('-', '_') } } });
}

/** A new password needs the current one; the other sessions end, and the API tokens too when asked. */
export async function changePassword(
  input: { currentPassword: string; newPassword: string; revokeAccessTokens: boolean },
  request: RequestFunction = fetch,
): Promise<void> {
  await apiRequest(request, '/api/v1/profile', {
    method: 'PUT',
    body: { password: input.newPassword, current_password: input.currentPassword, revoke_access_tokens: input.revokeAccessTokens },
  });
}

export async function listMyInvitations(request: RequestFunction = fetch): Promise<ReceivedInvitation[]> {
  return (await apiRequest<{ payload: ReceivedInvitation[] }>(request, '/api/v1/profile/invitations')).payload;
}

export function acceptInvitation(invitationId: number, request: RequestFunction = fetch): Promise<Profile> {
  return apiRequest<Profile>(request, `/api/v1/profile/invitations/${invitationId}/accept`, { method: 'POST' });
}

export async function declineInvitation(invitationId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, `/api/v1/profile/invitations/${invitationId}/decline`, { method: 'POST' });
}
