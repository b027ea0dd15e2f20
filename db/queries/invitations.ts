import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountInvitations, accountMemberships, accounts, users, type AccountRole } from '../schema/index.js';

const invitationColumns = {
  id: accountInvitations.id,
  accountId: accountInvitations.accountId,
  userId: accountInvitations.userId,
  role: accountInvitations.role,
  name: accountInvitations.name,
  email: users.email,
  createdAt: accountInvitations.createdAt,
  expiresAt: accountInvitations.expiresAt,
};

export type InvitationRow = { id: number; accountId: number; userId: number; role: AccountRole; name: string; email: string; createdAt: Date; expiresAt: Date };

const isOpen = and(eq(accountInvitations.status, 'pending'), gt(accountInvitations.expiresAt, sql`now()`));

/**
 * Opens an invitation, or renews the open one (new role, name and expiry) when the administrator
 * adds the same person again, so there is never more than one per person and account.
 */
export async function upsertPendingInvitation(
  db: DatabaseOrTransaction,
  values: { accountId: number; userId: number; invitedById: number; role: AccountRole; name: string; expiresAt: Date },
) {
  const [row] = await db
    .insert(accountInvitations)
    .values(values)
    .onConflictDoUpdate({
      target: [accountInvitations.accountId, accountInvitations.userId],
      targetWhere: sql`status = 'pending'`,
      set: { role: values.role, name: values.name, invitedById: values.invitedById, expiresAt: values.expiresAt, createdAt: sql`now()` },
    })
    .returning({ id: accountInvitations.id });
  return row.id;
}

/** The account's open invitations (administrators' view), newest first. */
export async function listOpenInvitationsOfAccount(db: DatabaseOrTransaction, accountId: number): Promise<InvitationRow[]> {
  return db
    .select(invitationColumns)
    .from(accountInvitations)
    .innerJoin(users, eq(users.id, accountInvitations.userId))
    .where(and(eq(accountInvitations.accountId, accountId), isOpen))
    .orderBy(desc(accountInvitations.createdAt), desc(accountInvitations.id));
}

export async function findOpenInvitationOfAccount(db: DatabaseOrTransaction, { accountId, invitationId }: { accountId: number; invitationId: number }) {
  const [row] = await db
    .select(invitationColumns)
    .from(accountInvitations)
    .innerJoin(users, eq(users.id, accountInvitations.userId))
    .where(and(eq(accountInvitations.accountId, accountId), eq(accountInvitations.id, invitationId), isOpen))
    .limit(1);
  return row as InvitationRow | undefined;
}

/** What the invitee sees: the open invitations addressed to them, with the account and who asked. */
export async function listOpenInvitationsOfUser(db: DatabaseOrTransaction, userId: number) {
  const inviter = sql<string | null>`(select coalesce(u.display_name, u.name) from users u where u.id = ${accountInvitations.invitedById})`;
  return db
    .select({
      id: accountInvitations.id,
      accountId: accounts.id,
      accountName: accounts.name,
      role: accountInvitations.role,
      invitedByName: inviter,
      createdAt: accountInvitations.createdAt,
      expiresAt: accountInvitations.expiresAt,
    })
    .from(accountInvitations)
    .innerJoin(accounts, eq(accounts.id, accountInvitations.accountId))
    .where(and(eq(accountInvitations.userId, userId), isOpen))
    .orderBy(desc(accountInvitations.createdAt), desc(accountInvitations.id));
}

/**
 * Closes the user's open invitation (accepted or declined) and returns it; undefined when there is
 * none open (already answered, cancelled, expired, or someone else's). The row lock makes two
 * concurrent answers take turns: only one of them finds it open.
 */
export async function closeOpenInvitationOfUser(
  tx: DatabaseOrTransaction,
  { userId, invitationId, status }: { userId: number; invitationId: number; status: 'accepted' | 'declined' },
) {
  const [row] = await tx
    .update(accountInvitations)
    .set({ status, respondedAt: sql`now()` })
    .where(and(eq(accountInvitations.id, invitationId), eq(accountInvitations.userId, userId), isOpen))
    .returning({ accountId: accountInvitations.accountId, role: accountInvitations.role });
  return row;
}

export async function cancelOpenInvitation(db: DatabaseOrTransaction, { accountId, invitationId }: { accountId: number; invitationId: number }) {
  const rows = await db
    .update(accountInvitations)
    .set({ status: 'cancelled', respondedAt: sql`now()` })
    .where(and(eq(accountInvitations.accountId, accountId), eq(accountInvitations.id, invitationId), isOpen))
    .returning({ id: accountInvitations.id });
  return rows.length > 0;
}

/** Joins the account as the invitation said; a membership that already exists stays as it is. */
export async function insertMembershipFromInvitation(tx: DatabaseOrTransaction, { accountId, userId, role }: { accountId: number; userId: number; role: AccountRole }) {
  await tx.insert(accountMemberships).values({ accountId, userId, role }).onConflictDoNothing();
}
