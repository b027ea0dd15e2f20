import type { CannedResponse } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export async function listCannedResponses(accountId: number, search?: string, request: RequestFunction = fetch): Promise<CannedResponse[]> {
  return unwrapList<CannedResponse>(await apiRequest(request, accountPath(accountId, '/canned_responses'), { query: { search } }));
}

export async function createCannedResponse(accountId: number, input: { short_code: string; content: string }, request: RequestFunction = fetch): Promise<CannedResponse> {
  return unwrap<CannedResponse>(await apiRequest(request, accountPath(accountId, '/canned_responses'), { method: 'POST', body: input }));
}

export async function updateCannedResponse(accountId: number, id: number, input: { short_code?: string; content?: string }, request: RequestFunction = fetch): Promise<CannedResponse> {
  return unwrap<CannedResponse>(await apiRequest(request, accountPath(accountId, `/canned_responses/${id}`), { method: 'PATCH', body: input }));
}

export async function deleteCannedResponse(accountId: number, id: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/canned_responses/${id}`), { method: 'DELETE' });
}
