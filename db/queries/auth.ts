import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, apiAccessTokens, customRoles, sessions, users } from '../schema/index.js';

const publicUserColumns = {
  id: users.id,
  name: users.name,
  displayName: users.displayName,
  email: users.email,
  uiLocale: users.uiLocale,
};

export async function findUserByEmail(db: DatabaseOrTransaction, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

/**
 * A session that is neither revoked, expired nor idle for longer than `idleTimeoutMs`; `lastSeenIsOld`
 * says its last use is older than `touchAfterMs`, i.e. worth writing again (by the database's clock).
 */
export async function findUserBySessionTokenHash(
  db: DatabaseOrTransaction,
  { tokenHash, idleTimeoutMs, touchAfterMs }: { tokenHash: string; idleTimeoutMs: number; touchAfterMs: number },
) {
  const [row] = await db
    .select({
      user: publicUserColumns,
      sessionId: sessions.id,
      lastSeenIsOld: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(secs => ${touchAfterMs / 1000}::float8)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleTimeoutMs / 1000}::float8)`),
      ),
    )
    .limit(1);
  return row;
}

export async function touchSession(db: DatabaseOrTransaction, sessionId: number) {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

export async function findUserByAccessTokenHash(db: DatabaseOrTransaction, tokenHash: string) {
  const [row] = await db
    .select({ user: publicUserColumns, tokenId: apiAccessTokens.id })
    .from(apiAccessTokens)
    .innerJoin(users, eq(users.id, apiAccessTokens.userId))
    .where(
      and(
        eq(apiAccessTokens.tokenHash, tokenHash),
        isNull(apiAccessTokens.revokedAt),
        or(isNull(apiAccessTokens.expiresAt), gt(apiAccessTokens.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  return row;
}

export async function findMembership(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  const [row] = await db
    .select()
    .from(accountMemberships)
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)))
    .limit(1);
  return row;
}

/** The membership with its custom role's permissions (null: the built-in role): what authorisation reads. */
export async function findMembershipWithRole(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  const [row] = await db
    .select({ membership: accountMemberships, customRole: { id: customRoles.id, permissions: customRoles.permissions } })
    .from(accountMemberships)
    .leftJoin(customRoles, eq(customRoles.id, accountMemberships.customRoleId))
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, userId)))
    .limit(1);
  if (!row) return undefined;
  return { ...row.membership, customRole: row.membership.role === 'agent' && row.customRole?.id != null ? { id: row.customRole.id, permissions: row.customRole.permissions } : null };
}

export async function insertSession(db: DatabaseOrTransaction, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  return row;
}

export async function revokeSession(db: DatabaseOrTransaction, sessionId: number) {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

export async function listAccessTokensOfUser(db: DatabaseOrTransaction, userId: number) {
  return db
    .select({
      id: apiAccessTokens.id,
      name: apiAccessTokens.name,
      tokenPrefix: apiAccessTokens.tokenPrefix,
      createdAt: apiAccessTokens.createdAt,
      expiresAt: apiAccessTokens.expiresAt,
    })
    .from(apiAccessTokens)
    .where(and(eq(apiAccessTokens.userId, userId), isNull(apiAccessTokens.revokedAt)))
    .orderBy(apiAccessTokens.id);
}

/** Revokes one of the user's own tokens; returns false when there was none to revoke. */
export async function revokeAccessToken(db: DatabaseOrTransaction, { userId, tokenId }: { userId: number; tokenId: number }) {
  const rows = await db
    .update(apiAccessTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiAccessTokens.id, tokenId), eq(apiAccessTokens.userId, userId), isNull(apiAccessTokens.revokedAt)))
    .returning({ id: apiAccessTokens.id });
  return rows.length > 0;
}

/** Revokes every live token of the user (after a password change); returns how many. */
export async function revokeAllAccessTokensOfUser(db: DatabaseOrTransaction, userId: number) {
  const rows = await db
    .update(apiAccessTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiAccessTokens.userId, userId), isNull(apiAccessTokens.revokedAt)))
    .returning({ id: apiAccessTokens.id });
  return rows.length;
}

export async function insertAccessToken(db: DatabaseOrTransaction, values: typeof apiAccessTokens.$inferInsert) {
  const [row] = await db.insert(apiAccessTokens).values(values).returning();
  return row;
}

/** Whether a session is still signed in (not revoked, not expired): open streams re-check this. */
export async function isSessionActive(db: DatabaseOrTransaction, sessionId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return Boolean(row);
}

/** Whether an access token still works: open streams re-check this. */
export async function isAccessTokenActive(db: DatabaseOrTransaction, tokenId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: apiAccessTokens.id })
    .from(apiAccessTokens)
    .where(and(eq(apiAccessTokens.id, tokenId), isNull(apiAccessTokens.revokedAt)))
    .limit(1);
  return Boolean(row);
}
