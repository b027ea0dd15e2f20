import { listAccessTokensOfUser, revokeAccessToken } from '../../../db/queries/auth.js';
import type { Database } from '../../../db/client.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import { invalid, notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import { issueAccessTokenRecord } from '../accounts/bootstrap.js';

const maxTokensPerUser = 20;

export async function listAccessTokens(db: Database, userId: number) {
  const tokens = await listAccessTokensOfUser(db, userId);
  return tokens.map((t) => ({ id: t.id, name: t.name, token_prefix: t.tokenPrefix, created_at: unixSeconds(t.createdAt)! }));
}

/** A new token for the signed-in user; its clear text is in this answer only (only a hash is stored). */
export async function createAccessToken(db: Database, userId: number, name: string) {
  const existing = await listAccessTokensOfUser(db, userId);
  if (existing.length >= maxTokensPerUser) {
    throw invalid('name', `At most ${maxTokensPerUser} tokens; revoke one you no longer use`);
  }
  const { token, row } = await issueAccessTokenRecord(db, userId, name);
  return { id: row.id, name: row.name, token_prefix: row.tokenPrefix, created_at: unixSeconds(row.createdAt)!, access_token: token };
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
