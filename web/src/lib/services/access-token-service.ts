import { apiRequest, type RequestFunction } from './http';

/** `expires_at` in Unix seconds; null: the token never expires. */
export type AccessToken = { id: number; name: string; token_prefix: string; created_at: number; expires_at: number | null; expired: boolean };
export type CreatedAccessToken = AccessToken & { access_token: string };

export async function listAccessTokens(request: RequestFunction = fetch): Promise<AccessToken[]> {
  return (await apiRequest<{ payload: AccessToken[] }>(request, '/api/v1/profile/access_tokens')).payload;
}

/** The answer carries the token's secret: the only time it is ever shown. */
export function createAccessToken(input: { name: string; expiresAt: number | null }, request: RequestFunction = fetch): Promise<CreatedAccessToken> {
  return apiRequest<CreatedAccessToken>(request, '/api/v1/profile/access_tokens', { method: 'POST', body: { name: input.name, expires_at: input.expiresAt } });
}

export async function revokeAccessToken(id: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, `/api/v1/profile/access_tokens/${id}`, { method: 'DELETE' });
}
