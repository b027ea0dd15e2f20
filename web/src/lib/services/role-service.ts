import type { AuditLogPage, CustomRole, RolePermission } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export type CustomRoleInput = { name: string; description: string | null; permissions: RolePermission[] };

export async function listCustomRoles(accountId: number, request: RequestFunction = fetch): Promise<CustomRole[]> {
  return unwrapList<CustomRole>(await apiRequest(request, accountPath(accountId, '/custom_roles')));
}

export async function createCustomRole(accountId: number, input: CustomRoleInput, request: RequestFunction = fetch): Promise<CustomRole> {
  return unwrap<CustomRole>(await apiRequest(request, accountPath(accountId, '/custom_roles'), { method: 'POST', body: input }));
}

export async function updateCustomRole(accountId: number, id: number, input: CustomRoleInput, request: RequestFunction = fetch): Promise<CustomRole> {
  return unwrap<CustomRole>(await apiRequest(request, accountPath(accountId, `/custom_roles/${id}`), { method: 'PATCH', body: input }));
}

export async function deleteCustomRole(accountId: number, id: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/custom_roles/${id}`), { method: 'DELETE' });
}

export async function listAuditLogs(accountId: number, filter: { page: number; userId?: number; action?: string }, request: RequestFunction = fetch): Promise<AuditLogPage> {
  const query = new URLSearchParams({ page: String(filter.page) });
  if (filter.userId) query.set('user_id', String(filter.userId));
  if (filter.action) query.set('action', filter.action);
  return apiRequest<AuditLogPage>(request, accountPath(accountId, `/audit_logs?${query}`));
}
