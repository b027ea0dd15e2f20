import type { Label } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export async function listLabels(accountId: number, request: RequestFunction = fetch): Promise<Label[]> {
  return unwrapList<Label>(await apiRequest(request, accountPath(accountId, '/labels')));
}

export async function createLabel(accountId: number, input: Omit<Label, 'id'>, request: RequestFunction = fetch): Promise<Label> {
  return unwrap<Label>(await apiRequest(request, accountPath(accountId, '/labels'), { method: 'POST', body: input }));
}

export async function updateLabel(accountId: number, id: number, input: Partial<Omit<Label, 'id'>>, request: RequestFunction = fetch): Promise<Label> {
  return unwrap<Label>(await apiRequest(request, accountPath(accountId, `/labels/${id}`), { method: 'PATCH', body: input }));
}

export async function deleteLabel(accountId: number, id: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/labels/${id}`), { method: 'DELETE' });
}
