import { eq } from 'drizzle-orm';
import { listAccessTokensOfUser, revokeAccessToken } from '../../../db/queries/auth.js';
import type { Database } from '../../../db/client.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import { users } from '../../../db/schema/index.js';
import { verifyPassword } from '../../auth/secrets.js';
import { hitRateLimit, resetRateLimit, type RateLimitRule } from '../../auth/rate-limit.js';
import type { Authentication } from '../../context.js';
import { ApiError, invalid, notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import { issueAccessTokenRecord } from '../accounts/bootstrap.js';

const maxTokensPerUser = 20;
/** Far enough for any planned rotation, near enough that a forgotten token still dies one day. */
const maxLifetimeDays = 366 * 5;

// A stolen token must not become a password-guessing oracle: a few re-checks per user per window.
const passwordRecheckLimit: RateLimitRule = { limit: 5, windowMs: 15 * 60 * 1000 };
const passwordRecheckKey = (userId: number) => `password-recheck:user:${userId}`;

type TokenRow = { id: number; name: string; tokenPrefix: string; createdAt: Date; expiresAt: Date | null };

const serializeToken = (t: TokenRow, now = new Date()) => ({
  id: t.id,
  name: t.name,
  token_prefix: t.tokenPrefix,
  created_at: unixSeconds(t.createdAt)!,
  expires_at: unixSeconds(t.expiresAt),
  expired: t.expiresAt !== null && t.expiresAt <= now,
});

export async function listAccessTokens(db: Database, userId: number) {
  const tokens = await listAccessTokensOfUser(db, userId);
  return tokens.map((t) => serializeToken(t));
}

export type CreateAccessTokenInput = { name: string; expiresAt?: Date | null; currentPassword?: string };

/**
 * A new token for the signed-in user; its clear text is in this answer only (only a hash is stored).
 * Minting is a credential change: from the console's session it is allowed, but a request signed by
 * an API token must also prove the password, so a leaked token cannot make itself immortal copies.
 */
export async function createAccessToken(db: Database, auth: Pick<Authentication, 'method'> & { userId: number }, input: CreateAccessTokenInput) {
  const { userId } = auth;
  if (input.expiresAt) {
    const now = Date.now();
    if (input.expiresAt.getTime() <= now) throw invalid('expires_at', 'Choose an expiry date in the future');
    if (input.expiresAt.getTime() > now + maxLifetimeDays * 86_400_000) throw invalid('expires_at', `Choose an expiry within ${maxLifetimeDays} days`);
  }
  if (auth.method === 'api_access_token') await assertCurrentPassword(db, userId, input.currentPassword);
  const existing = await listAccessTokensOfUser(db, userId);
  if (existing.length >= maxTokensPerUser) {
    throw invalid('name', `At most ${maxTokensPerUser} tokens; revoke one you no longer use`);
  }
  const { token, row } = await issueAccessTokenRecord(db, userId, input.name, input.expiresAt);
  return { ...serializeToken(row), access_token: token };
}

async function assertCurrentPassword(db: Database, userId: number, currentPassword: string | undefined) {
  if (!currentPassword) throw invalid('current_password', 'Requests signed with an API token must send current_password to create a token');
  const wait = await hitRateLimit(db, passwordRecheckLimit, passwordRecheckKey(userId));
  if (wait > 0) throw new ApiError('RATE_LIMITED', `Too many password attempts; try again in ${wait} s`, 'current_password', { retryAfterSeconds: wait });
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) throw invalid('current_password', 'The current password is not right');
  await resetRateLimit(db, passwordRecheckKey(userId));
}

/** Revokes one of the user's tokens; streams opened with it hear of it and close. */
export async function revokeOwnAccessToken(db: Database, userId: number, tokenId: number) {
  const revoked = await db.transaction(async (tx) => {
    if (!(await revokeAccessToken(tx, { userId, tokenId }))) return false;
    await publishAccessChange(tx, { kind: 'token', tokenId });
    return true;
  });
  if (!revoked) throw notFound('Access token');
}
