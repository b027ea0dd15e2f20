import { apiRequest, type RequestFunction } from './http';

export type AccessToken = { id: number; name: string; token_prefix: string; created_at: number };
export type CreatedAccessToken = AccessToken & { access_token: string };

export async function listAccessTokens(request: RequestFunction = fetch): Promise<AccessToken[]> {
  return (await apiRequest<{ payload: AccessToken[] }>(request, '/api/v1/profile/access_tokens')).payload;
}

/** The answer carries the token's secret: the only time it is ever shown. */
export function createAccessToken(name: string, request: RequestFunction = fetch): Promise<CreatedAccessToken> {
  return apiRequest<CreatedAccessToken>(request, '/api/v1/profile/access_tokens', { method: 'POST', body: { name } });
}

export async function revokeAccessToken(id: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, `/api/v1/profile/access_tokens/${id}`, { method: 'DELETE' });
}
