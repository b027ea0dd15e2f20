import { filterAccountMemberIds } from '../../../db/queries/inboxes.js';
import { recordAudit } from '../audit/record.js';
import {
  addTeamMembers,
  deleteTeamRow,
  findTeam,
  insertTeam,
  listTeamMemberAgents,
  listTeamMemberIds,
  listTeams,
  removeTeamMembers,
  updateTeamRow,
} from '../../../db/queries/teams.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { serializeTeam } from '../../serializers/team.js';
import { serializeAgent } from '../../serializers/user.js';

export type TeamInput = { name?: string; description?: string | null; allowAutoAssign?: boolean };

const nameTaken = () => invalid('name', 'A team with this name already exists');

function assertCanManageTeams(ctx: ServiceContext) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can manage teams');
}

function rethrowNameTaken(error: unknown): never {
  if (uniqueViolationConstraint(error) === 'teams_account_name_unique') throw nameTaken();
  throw error;
}

/** Every member sees the account's teams (to assign and filter by them). */
export async function listAccountTeams(ctx: ServiceContext) {
  return (await listTeams(ctx.db, { accountId: ctx.actor.accountId, userId: ctx.actor.userId })).map(serializeTeam);
}

async function requireTeam(ctx: ServiceContext, id: number) {
  const row = await findTeam(ctx.db, { accountId: ctx.actor.accountId, id, userId: ctx.actor.userId });
  if (!row) throw notFound('Team');
  return row;
}

export async function showTeam(ctx: ServiceContext, id: number) {
  return serializeTeam(await requireTeam(ctx, id));
}

export async function createTeam(ctx: ServiceContext, input: TeamInput & { name: string }) {
  assertCanManageTeams(ctx);
  const team = await ctx.db
    .transaction(async (tx) => {
      const inserted = await insertTeam(tx, { accountId: ctx.actor.accountId, name: input.name, description: input.description ?? null, allowAutoAssign: input.allowAutoAssign ?? true });
      await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'Team', auditableId: inserted.id, changes: { name: inserted.name, description: inserted.description } });
      return inserted;
    })
    .catch(rethrowNameTaken);
  return serializeTeam({ team, isMember: false });
}

export async function updateTeam(ctx: ServiceContext, id: number, input: TeamInput) {
  assertCanManageTeams(ctx);
  const { isMember, team: current } = await requireTeam(ctx, id);
  // A PATCH that names no field changes nothing: answer the team as it is (an empty UPDATE is not valid SQL).
  if (input.name === undefined && input.description === undefined && input.allowAutoAssign === undefined) return serializeTeam({ team: current, isMember });
  const team = await ctx.db
    .transaction(async (tx) => {
      const updated = await updateTeamRow(tx, { accountId: ctx.actor.accountId, id }, { name: input.name, description: input.description, allowAutoAssign: input.allowAutoAssign });
      if (updated) await recordAudit(tx, ctx.actor, { action: 'update', auditableType: 'Team', auditableId: id, changes: { name: input.name, description: input.description, allow_auto_assign: input.allowAutoAssign } });
      return updated;
    })
    .catch(rethrowNameTaken);
  if (!team) throw notFound('Team');
  return serializeTeam({ team, isMember });
}

/** Conversations of a deleted team keep their assignee and simply have no team. */
export async function deleteTeam(ctx: ServiceContext, id: number) {
  assertCanManageTeams(ctx);
  await ctx.db.transaction(async (tx) => {
    if (!(await deleteTeamRow(tx, { accountId: ctx.actor.accountId, id }))) throw notFound('Team');
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'Team', auditableId: id });
  });
}

export async function listMembersOfTeam(ctx: ServiceContext, teamId: number) {
  const { team } = await requireTeam(ctx, teamId);
  return (await listTeamMemberAgents(ctx.db, { accountId: ctx.actor.accountId, teamId: team.id })).map(serializeAgent);
}

/**
 * Adds, replaces or removes team members (administrators only); everyone named must belong to the
 * account. Returns the team's members afterwards. Leaving a team does not unassign anyone: team
 * membership narrows automatic assignment, while who may see a conversation stays the inbox's.
 */
export async function changeTeamMembers(ctx: ServiceContext, change: { teamId: number; userIds: number[]; mode: 'add' | 'replace' | 'remove' }) {
  assertCanManageTeams(ctx);
  const { accountId } = ctx.actor;
  const { team } = await requireTeam(ctx, change.teamId);
  const userIds = [...new Set(change.userIds)];
  const members = await filterAccountMemberIds(ctx.db, { accountId, userIds });
  if (members.length !== userIds.length) {
    throw invalid('user_ids', `Not members of this account: ${userIds.filter((id) => !members.includes(id)).join(', ')}`);
  }
  await ctx.db.transaction(async (tx) => {
    const current = await listTeamMemberIds(tx, team.id);
    const toAdd = change.mode === 'remove' ? [] : userIds.filter((id) => !current.includes(id));
    const toRemove = change.mode === 'add' ? [] : change.mode === 'remove' ? userIds : current.filter((id) => !userIds.includes(id));
    await addTeamMembers(tx, { teamId: team.id, userIds: toAdd });
    await removeTeamMembers(tx, { teamId: team.id, userIds: toRemove });
  });
  return (await listTeamMemberAgents(ctx.db, { accountId, teamId: team.id })).map(serializeAgent);
}
