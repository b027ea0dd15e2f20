import { findUserByEmail, findUserBySessionTokenHash, insertSession, revokeSession, touchSession } from '../../../db/queries/auth.js';
import { insertAuditLogInEveryAccountOf } from '../../../db/queries/audit-logs.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import type { Database } from '../../../db/client.js';
import { defaultRateLimits, enforceRateLimit, resetRateLimit, type RateLimits } from '../../auth/rate-limit.js';
import { hashToken, randomToken, verifyPassword } from '../../auth/secrets.js';
import { ApiError } from '../../errors.js';

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

// Verifying against a real hash even for unknown e-mails keeps response times from revealing which accounts exist.
const decoyHash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3dlNRuD8ZtGzkvxzq+p1qZ1wrEYBf2hZ0A7eGgnm3uo';

export async function signIn(
  db: Database,
  input: { email: string; password: string; clientKey: string; userAgent?: string; rateLimits?: RateLimits },
): Promise<{ sessionToken: string; sessionId: number; userId: number; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const limits = input.rateLimits ?? defaultRateLimits;
  const addressAndEmailKey = `sign-in:address+email:${input.clientKey}|${email}`;
  await enforceRateLimit(db, limits.signInPerAddress, `sign-in:address:${input.clientKey}`, 'Too many sign-in attempts from your address');
  await enforceRateLimit(db, limits.signInPerEmail, `sign-in:email:${email}`, 'Too many sign-in attempts for this account');
  await enforceRateLimit(db, limits.signInPerAddressAndEmail, addressAndEmailKey, 'Too many sign-in attempts');
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? decoyHash, input.password);
  // Only a failure against a real login is audited: an unknown e-mail belongs to no account.
  if (user && !valid) await insertAuditLogInEveryAccountOf(db, { userId: user.id, action: 'sign_in_failed', auditableType: 'User', remoteAddress: input.clientKey });
  if (!user || !valid) throw new ApiError('UNAUTHENTICATED', 'Wrong e-mail or password', 'password');
  await resetRateLimit(db, addressAndEmailKey);
  const sessionToken = randomToken();
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  const session = await db.transaction(async (tx) => {
    const inserted = await insertSession(tx, { userId: user.id, tokenHash: hashToken(sessionToken), expiresAt, userAgent: input.userAgent?.slice(0, 300) });
    await insertAuditLogInEveryAccountOf(tx, { userId: user.id, action: 'sign_in', auditableType: 'User', remoteAddress: input.clientKey });
    return inserted;
  });
  return { sessionToken, sessionId: session.id, userId: user.id, expiresAt };
}

/** SESSION_IDLE_TIMEOUT's default: a session unused for a week ends. */
export const defaultSessionIdleTimeoutMs = 7 * 24 * 60 * 60 * 1000;
// last_seen_at slides with use, but is written at most once a minute per session, not on every request.
const lastSeenWriteIntervalMs = 60 * 1000;

/** The user of a live session token (not revoked, expired or idle too long); each use slides its idle timeout. */
export async function authenticateSession(db: Database, input: { sessionToken: string; idleTimeoutMs?: number }) {
  const idleTimeoutMs = input.idleTimeoutMs ?? defaultSessionIdleTimeoutMs;
  const found = await findUserBySessionTokenHash(db, {
    tokenHash: hashToken(input.sessionToken),
    idleTimeoutMs,
    touchAfterMs: Math.min(lastSeenWriteIntervalMs, idleTimeoutMs / 10),
  });
  if (!found) return undefined;
  if (found.lastSeenIsOld) await touchSession(db, found.sessionId);
  return { user: found.user, sessionId: found.sessionId };
}

/** Ends the session; its open event streams hear of it and close. */
export const signOut = (db: Database, sessionId: number) =>
  db.transaction(async (tx) => {
    await revokeSession(tx, sessionId);
    await publishAccessChange(tx, { kind: 'session', sessionId });
  });
