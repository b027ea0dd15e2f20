import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { updateUser } from '../../../db/queries/agents.js';
import { revokeAllAccessTokensOfUser } from '../../../db/queries/auth.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import { sessions, users, type SupportedLocale } from '../../../db/schema/index.js';
import { hashPassword, verifyPassword } from '../../auth/secrets.js';
import { invalid, notFound } from '../../errors.js';
import { loadProfile } from './load.js';

export type ProfileChanges = { name?: string; displayName?: string | null; uiLocale?: SupportedLocale | null; password?: string; currentPassword?: string; revokeAccessTokens?: boolean };

/**
 * A user edits their own profile. A new password needs the current one, and ends every other session
 * of the user (the session making the change stays signed in). With `revokeAccessTokens`, every API
 * token goes too, in the same transaction: someone changing a password they think leaked wants no
 * credential made with it to outlive it.
 */
export async function updateProfile(db: Database, { userId, sessionId }: { userId: number; sessionId?: number }, changes: ProfileChanges) {
  let passwordHash: string | undefined;
  if (changes.revokeAccessTokens && changes.password === undefined) {
    throw invalid('revoke_access_tokens', 'Tokens are revoked together with a password change; revoke single tokens under API access tokens');
  }
  if (changes.password !== undefined) {
    if (!changes.currentPassword) throw invalid('current_password', 'Enter your current password to set a new one');
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw notFound('User');
    if (!(await verifyPassword(user.passwordHash, changes.currentPassword))) throw invalid('current_password', 'The current password is not right');
    passwordHash = await hashPassword(changes.password);
  }
  await db.transaction(async (tx) => {
    await updateUser(tx, userId, { name: changes.name, displayName: changes.displayName, uiLocale: changes.uiLocale, passwordHash });
    if (passwordHash) {
      await tx
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sessionId ? ne(sessions.id, sessionId) : undefined));
      if (changes.revokeAccessTokens) await revokeAllAccessTokensOfUser(tx, userId);
      // The ended sessions' open event streams close now, not at their next tick.
      await publishAccessChange(tx, { kind: 'user', userId });
    }
  });
  return loadProfile(db, userId);
}
