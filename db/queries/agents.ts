import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { effectiveAvailability } from './routing.js';
import { accountMemberships, conversations, inboxes, inboxMembers, teamMembers, teams, users, type AccountRole, type AvailabilityStatus } from '../schema/index.js';

/**
 * The name an account shows for its agent: the one its administrators gave them there (kept on the
 * membership), else the person's own display name, else their name. Needs account_memberships and
 * users joined; every place that names an agent inside an account uses it.
 */
export const agentNameInAccount = sql<string>`coalesce(${accountMemberships.name}, ${users.displayName}, ${users.name})`;

/**
 * The columns of an agent: the user plus their role and availability in one account. A name the
 * account's administrators gave them (kept on the membership) wins over the user's own, in this
 * account only.
 */
export const agentColumns = {
  id: users.id,
  accountId: accountMemberships.accountId,
  name: sql<string>`coalesce(${accountMemberships.name}, ${users.name})`.as('name'),
  displayName: sql<string | null>`coalesce(${accountMemberships.name}, ${users.displayName})`.as('display_name'),
  email: users.email,
  role: accountMemberships.role,
  availability: accountMemberships.availability,
  autoOffline: accountMemberships.autoOffline,
  effectiveAvailability: effectiveAvailability.as('effective_availability'),
  customRoleId: accountMemberships.customRoleId,
};

export type AgentRow = {
  id: number;
  accountId: number;
  name: string;
  displayName: string | null;
  email: string;
  role: AccountRole;
  availability: AvailabilityStatus;
  autoOffline: boolean;
  effectiveAvailability: AvailabilityStatus;
  customRoleId: number | null;
};

/** Every member of the account, with their role and availability there. */
export async function listAgents(db: DatabaseOrTransaction, accountId: number): Promise<AgentRow[]> {
  return db
    .select(agentColumns)
    .from(accountMemberships)
    .innerJoin(users, eq(users.id, accountMemberships.userId))
    .where(eq(accountMemberships.accountId, accountId))
    .orderBy(sql`coalesce(${accountMemberships.name}, ${users.name})`, asc(users.id));
}

export async function findAgent(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }): Promise<AgentRow | undefined> {
  const [row] = await db
    .select(agentColumns)
    .from(accountMemberships)
    .innerJoin(users, eq(users.id, accountMemberships.userId))
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)))
    .limit(1);
  return row;
}

/** What the account calls one of its members (see agentNameInAccount); undefined for someone outside it. */
export async function findAgentName(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }): Promise<string | undefined> {
  const [row] = await db
    .select({ name: agentNameInAccount })
    .from(accountMemberships)
    .innerJoin(users, eq(users.id, accountMemberships.userId))
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)))
    .limit(1);
  return row?.name;
}

/**
 * The agent and whether they are a member of the inbox, read with their account membership locked
 * FOR SHARE and their inbox membership FOR KEY SHARE until the transaction ends. The transaction that
 * assigns them runs this first: a demotion (which updates the membership) or a removal from the
 * account or the inbox (which deletes the rows) then waits for the assignment to commit and unassigns
 * it, or commits first and the assignment reads the new state.
 */
export async function lockAssignmentCandidate(tx: DatabaseOrTransaction, { accountId, userId, inboxId }: { accountId: number; userId: number; inboxId: number }) {
  const [agent] = await tx
    .select(agentColumns)
    .from(accountMemberships)
    .innerJoin(users, eq(users.id, accountMemberships.userId))
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)))
    .for('share', { of: accountMemberships });
  if (!agent) return undefined;
  const inboxMembership = await tx
    .select({ inboxId: inboxMembers.inboxId })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, userId)))
    .for('key share');
  return { agent: agent as AgentRow, inboxIds: inboxMembership.map((m) => m.inboxId) };
}

/**
 * Locks the account's administrator memberships and returns their user ids; run inside the transaction
 * that demotes or removes one, so two admins demoting each other at once cannot leave the account without any.
 */
export async function lockAdministratorIds(tx: DatabaseOrTransaction, accountId: number): Promise<number[]> {
  const rows = await tx
    .select({ userId: accountMemberships.userId })
    .from(accountMemberships)
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.role, 'administrator')))
    // A fixed lock order, so two such transactions queue instead of deadlocking.
    .orderBy(asc(accountMemberships.userId))
    .for('update');
  return rows.map((r) => r.userId);
}

export async function updateMembership(
  db: DatabaseOrTransaction,
  { accountId, userId }: { accountId: number; userId: number },
  changes: { role?: AccountRole; availability?: AvailabilityStatus; autoOffline?: boolean; name?: string | null; customRoleId?: number | null },
) {
  const set = definedOnly(changes);
  if (Object.keys(set).length === 0) return;
  await db
    .update(accountMemberships)
    .set(set)
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)));
}

export async function updateUser(db: DatabaseOrTransaction, userId: number, changes: { name?: string; displayName?: string | null; uiLocale?: 'en' | 'pt_BR' | null; passwordHash?: string }) {
  const set = definedOnly(changes);
  if (Object.keys(set).length === 0) return;
  await db
    .update(users)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/**
 * Takes a user out of an account: the membership, their inbox and team memberships there, and their
 * assignments there (those conversations go back to Unassigned). Returns the conversations unassigned.
 */
export async function removeAgentFromAccount(tx: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  const accountInboxIds = tx.select({ id: inboxes.id }).from(inboxes).where(eq(inboxes.accountId, accountId));
  const accountTeamIds = tx.select({ id: teams.id }).from(teams).where(eq(teams.accountId, accountId));
  await tx.delete(inboxMembers).where(and(eq(inboxMembers.userId, userId), inArray(inboxMembers.inboxId, accountInboxIds)));
  await tx.delete(teamMembers).where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, accountTeamIds)));
  const unassigned = await unassignConversations(tx, { accountId, assigneeId: userId });
  await tx.delete(accountMemberships).where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)));
  return unassigned;
}

/** Clears the assignee of an agent's conversations in the account (optionally in one inbox). */
export async function unassignConversations(tx: DatabaseOrTransaction, { accountId, assigneeId, inboxId }: { accountId: number; assigneeId: number; inboxId?: number }) {
  return tx
    .update(conversations)
    .set({ assigneeId: null, updatedAt: sql`now()` })
    .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, assigneeId), inboxId ? eq(conversations.inboxId, inboxId) : undefined))
    .returning({ id: conversations.id, inboxId: conversations.inboxId });
}

/**
 * Clears the assignee of the agent's conversations in inboxes of the account they are not a member
 * of (what they lose sight of when they stop being an administrator). Returns those conversations.
 */
export async function unassignConversationsOutsideMemberInboxes(tx: DatabaseOrTransaction, { accountId, assigneeId }: { accountId: number; assigneeId: number }) {
  const memberInboxIds = tx.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, assigneeId));
  return tx
    .update(conversations)
    .set({ assigneeId: null, updatedAt: sql`now()` })
    .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, assigneeId), notInArray(conversations.inboxId, memberInboxIds)))
    .returning();
}

/** Drops keys whose value is undefined ("leave as is"); null stays ("clear"). */
function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
