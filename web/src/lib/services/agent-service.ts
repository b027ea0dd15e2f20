import type { Agent, AssignableAgent, AssignmentLoad, Availability, Role } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export async function listAgents(accountId: number, request: RequestFunction = fetch): Promise<Agent[]> {
  return unwrapList<Agent>(await apiRequest(request, accountPath(accountId, '/agents')));
}

/** Who may take a conversation of the inbox, with availability and load against their limit (the assign dropdown). */
export async function listAssignableAgents(accountId: number, inboxId: number, request: RequestFunction = fetch): Promise<AssignableAgent[]> {
  return unwrapList<AssignableAgent>(await apiRequest(request, accountPath(accountId, `/assignable_agents?inbox_ids[]=${inboxId}`)));
}

/** The signed-in agent's own open conversations against their limits. */
export async function getAssignmentLoad(accountId: number, request: RequestFunction = fetch): Promise<AssignmentLoad> {
  return unwrap<AssignmentLoad>(await apiRequest(request, accountPath(accountId, '/assignment_load')));
}

export interface CreateAgentInput {
  name: string;
  email: string;
  role: Role;
  password?: string;
}

/** Without a password the answer carries a one-time `password` to hand to the new agent. */
export async function createAgent(accountId: number, input: CreateAgentInput, request: RequestFunction = fetch): Promise<Agent> {
  const body: CreateAgentInput = { name: input.name, email: input.email, role: input.role };
  if (input.password) body.password = input.password;
  return unwrap<Agent>(await apiRequest(request, accountPath(accountId, '/agents'), { method: 'POST', body }));
}

export async function updateAgent(
  accountId: number,
  agentId: number,
  input: Partial<{ name: string; role: Role; availability_status: Availability; custom_role_id: number | null }>,
  request: RequestFunction = fetch,
): Promise<Agent> {
  return unwrap<Agent>(await apiRequest(request, accountPath(accountId, `/agents/${agentId}`), { method: 'PATCH', body: input }));
}

export async function deleteAgent(accountId: number, agentId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/agents/${agentId}`), { method: 'DELETE' });
}

/** People invited to the account who have not answered yet (administrators). */
export async function listAgentInvitations(accountId: number, request: RequestFunction = fetch): Promise<Agent[]> {
  return unwrapList<Agent>(await apiRequest(request, accountPath(accountId, '/agent_invitations')));
}

export async function cancelAgentInvitation(accountId: number, invitationId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/agent_invitations/${invitationId}`), { method: 'DELETE' });
}
