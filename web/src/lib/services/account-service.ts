import type { AccountSettings } from '$lib/types';
import { accountPath, apiRequest, type RequestFunction } from './http';

export async function getAccountSettings(accountId: number, request: RequestFunction = fetch): Promise<AccountSettings> {
  return apiRequest<AccountSettings>(request, accountPath(accountId, ''));
}

export async function updateAccountSettings(
  accountId: number,
  input: Partial<Pick<AccountSettings, 'name' | 'auto_resolve_duration'>>,
  request: RequestFunction = fetch,
): Promise<AccountSettings> {
  return apiRequest<AccountSettings>(request, accountPath(accountId, ''), { method: 'PATCH', body: input });
}
