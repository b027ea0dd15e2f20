import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { agentColumns } from './agents.js';
import { accountMemberships, inboxes, inboxMembers, users, type AssignmentQueueOrder, type AssignmentStrategy, type InboxSettings } from '../schema/index.js';

export type InboxRow = typeof inboxes.$inferSelect;

/** The account's inboxes by name; `ids` limits them to the inboxes an agent belongs to. */
export async function listInboxes(db: DatabaseOrTransaction, { accountId, ids }: { accountId: number; ids?: readonly number[] }) {
  if (ids && ids.length === 0) return [];
  return db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), ids ? inArray(inboxes.id, [...ids]) : undefined))
    .orderBy(asc(inboxes.name), asc(inboxes.id));
}

export async function findInbox(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, id)))
    .limit(1);
  return row;
}

export async function updateInbox(
  db: DatabaseOrTransaction,
  { accountId, id }: { accountId: number; id: number },
  changes: { name?: string; enableAutoAssignment?: boolean; csatSurveyEnabled?: boolean; settings?: InboxSettings; hmacToken?: string; hmacMandatory?: boolean } & InboxRoutingChanges,
) {
  const [row] = await db
    .update(inboxes)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, id)))
    .returning();
  return row;
}

export type InboxRoutingChanges = {
  maxAssignmentLimit?: number | null;
  assignmentStrategy?: AssignmentStrategy;
  assignmentQueueOrder?: AssignmentQueueOrder;
  fairDistributionLimit?: number | null;
  fairDistributionWindowSeconds?: number;
};

/** Per-agent limits in an inbox (null: the inbox's); only for current members. Returns the user ids that are not members. */
export async function setInboxMemberLimits(db: DatabaseOrTransaction, { inboxId, limits }: { inboxId: number; limits: { userId: number; maxAssignmentLimit: number | null }[] }) {
  const missing: number[] = [];
  for (const limit of limits) {
    const updated = await db
      .update(inboxMembers)
      .set({ maxAssignmentLimit: limit.maxAssignmentLimit })
      .where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, limit.userId)))
      .returning({ userId: inboxMembers.userId });
    if (updated.length === 0) missing.push(limit.userId);
  }
  return missing;
}

export async function deleteInbox(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const rows = await db
    .delete(inboxes)
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, id)))
    .returning({ id: inboxes.id });
  return rows.length > 0;
}

/** The agents of an inbox with their role and availability in its account. */
export async function listInboxMemberAgents(db: DatabaseOrTransaction, { accountId, inboxId }: { accountId: number; inboxId: number }) {
  return db
    .select({ ...agentColumns, maxAssignmentLimit: inboxMembers.maxAssignmentLimit })
    .from(inboxMembers)
    .innerJoin(users, eq(users.id, inboxMembers.userId))
    .innerJoin(accountMemberships, and(eq(accountMemberships.userId, inboxMembers.userId), eq(accountMemberships.accountId, accountId)))
    .where(eq(inboxMembers.inboxId, inboxId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function listInboxMemberIds(db: DatabaseOrTransaction, inboxId: number) {
  const rows = await db.select({ userId: inboxMembers.userId }).from(inboxMembers).where(eq(inboxMembers.inboxId, inboxId));
  return rows.map((r) => r.userId);
}

export async function addInboxMembers(db: DatabaseOrTransaction, { inboxId, userIds }: { inboxId: number; userIds: readonly number[] }) {
  if (userIds.length === 0) return;
  await db
    .insert(inboxMembers)
    .values(userIds.map((userId) => ({ inboxId, userId })))
    .onConflictDoNothing();
}

export async function removeInboxMembers(db: DatabaseOrTransaction, { inboxId, userIds }: { inboxId: number; userIds: readonly number[] }) {
  if (userIds.length === 0) return;
  await db.delete(inboxMembers).where(and(eq(inboxMembers.inboxId, inboxId), inArray(inboxMembers.userId, [...userIds])));
}

/** Which of `userIds` are members of the account (the rest are strangers an admin may not add). */
export async function filterAccountMemberIds(db: DatabaseOrTransaction, { accountId, userIds }: { accountId: number; userIds: readonly number[] }) {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ userId: accountMemberships.userId })
    .from(accountMemberships)
    .where(and(eq(accountMemberships.accountId, accountId), inArray(accountMemberships.userId, [...userIds])));
  return rows.map((r) => r.userId);
}
