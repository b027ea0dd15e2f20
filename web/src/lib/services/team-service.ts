import type { Agent, Team } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export async function listTeams(accountId: number, request: RequestFunction = fetch): Promise<Team[]> {
  return unwrapList<Team>(await apiRequest(request, accountPath(accountId, '/teams')));
}

export async function createTeam(accountId: number, input: { name: string; description?: string | null }, request: RequestFunction = fetch): Promise<Team> {
  return unwrap<Team>(await apiRequest(request, accountPath(accountId, '/teams'), { method: 'POST', body: input }));
}

export async function deleteTeam(accountId: number, teamId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/teams/${teamId}`), { method: 'DELETE' });
}

export async function listTeamMembers(accountId: number, teamId: number, request: RequestFunction = fetch): Promise<Agent[]> {
  return unwrapList<Agent>(await apiRequest(request, accountPath(accountId, `/teams/${teamId}/team_members`)));
}

/** Makes exactly these agents the team (Chatwoot's PATCH team_members). */
export async function setTeamMembers(accountId: number, teamId: number, userIds: number[], request: RequestFunction = fetch): Promise<Agent[]> {
  return unwrapList<Agent>(await apiRequest(request, accountPath(accountId, `/teams/${teamId}/team_members`), { method: 'PATCH', body: { user_ids: userIds } }));
}
