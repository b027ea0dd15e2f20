import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Chatwoot's identity validation: the site's backend signs the visitor's identifier with the inbox's
 * secret (HMAC-SHA256, hex), and the widget sends that as `identifier_hash`.
 */
export const identityHash = (secret: string, identifier: string) => createHmac('sha256', secret).update(identifier).digest('hex');

/** Compared in constant time, so the answer's timing says nothing about how much of a guess was right. */
export function identityHashMatches(secret: string, identifier: string, claimedHash: string | undefined | null): boolean {
  if (!claimedHash) return false;
  const expected = Buffer.from(identityHash(secret, identifier), 'utf8');
  const claimed = Buffer.from(claimedHash.trim().toLowerCase(), 'utf8');
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}

/** A fresh inbox secret, as an administrator's "regenerate" gives (the column default makes the first one). */
export const newIdentitySecret = () => randomBytes(32).toString('hex');
