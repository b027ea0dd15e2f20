import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, teamMembers, teams, users } from '../schema/index.js';
import { agentColumns, type AgentRow } from './agents.js';

export type TeamRow = typeof teams.$inferSelect;

/** The account's teams by name, with whether `userId` is a member (Chatwoot's `is_member`). */
export async function listTeams(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  return db
    .select({ team: teams, isMember: sql<boolean>`exists (select 1 from ${teamMembers} tm where tm.team_id = ${teams.id} and tm.user_id = ${userId})` })
    .from(teams)
    .where(eq(teams.accountId, accountId))
    .orderBy(asc(teams.name), asc(teams.id));
}

export async function findTeam(db: DatabaseOrTransaction, { accountId, id, userId }: { accountId: number; id: number; userId: number }) {
  const [row] = await db
    .select({ team: teams, isMember: sql<boolean>`exists (select 1 from ${teamMembers} tm where tm.team_id = ${teams.id} and tm.user_id = ${userId})` })
    .from(teams)
    .where(and(eq(teams.accountId, accountId), eq(teams.id, id)));
  return row;
}

export async function insertTeam(db: DatabaseOrTransaction, values: typeof teams.$inferInsert) {
  const [row] = await db.insert(teams).values(values).returning();
  return row;
}

export async function updateTeamRow(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }, changes: Partial<typeof teams.$inferInsert>) {
  const [row] = await db
    .update(teams)
    .set(changes)
    .where(and(eq(teams.accountId, accountId), eq(teams.id, id)))
    .returning();
  return row;
}

/** Deletes the team; its conversations keep their assignee and lose the team (foreign key: set null). */
export async function deleteTeamRow(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .delete(teams)
    .where(and(eq(teams.accountId, accountId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return row;
}

/** The team's members as agents of the account, by name. */
export async function listTeamMemberAgents(db: DatabaseOrTransaction, { accountId, teamId }: { accountId: number; teamId: number }): Promise<AgentRow[]> {
  return db
    .select(agentColumns)
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .innerJoin(accountMemberships, and(eq(accountMemberships.userId, users.id), eq(accountMemberships.accountId, accountId)))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(sql`coalesce(${accountMemberships.name}, ${users.name})`, asc(users.id));
}

export async function listTeamMemberIds(db: DatabaseOrTransaction, teamId: number): Promise<number[]> {
  return (await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId))).map((r) => r.userId);
}

/** The members of several teams at once, by team (the inbox router narrows team conversations to them). */
export async function listMembersOfTeams(db: DatabaseOrTransaction, teamIds: number[]): Promise<Map<number, Set<number>>> {
  const byTeam = new Map<number, Set<number>>();
  if (teamIds.length === 0) return byTeam;
  for (const row of await db.select({ teamId: teamMembers.teamId, userId: teamMembers.userId }).from(teamMembers).where(inArray(teamMembers.teamId, teamIds))) {
    byTeam.set(row.teamId, (byTeam.get(row.teamId) ?? new Set()).add(row.userId));
  }
  return byTeam;
}

export async function addTeamMembers(db: DatabaseOrTransaction, { teamId, userIds }: { teamId: number; userIds: number[] }) {
  if (userIds.length === 0) return;
  await db
    .insert(teamMembers)
    .values(userIds.map((userId) => ({ teamId, userId })))
    .onConflictDoNothing();
}

export async function removeTeamMembers(db: DatabaseOrTransaction, { teamId, userIds }: { teamId: number; userIds: number[] }) {
  if (userIds.length === 0) return;
  await db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.userId, userIds)));
}

export async function isTeamMember(db: DatabaseOrTransaction, { teamId, userId }: { teamId: number; userId: number }) {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return Boolean(row);
}
