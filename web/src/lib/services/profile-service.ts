import type { Availability, Profile } from '$lib/types';
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
