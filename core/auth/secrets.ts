import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Argon2id with OWASP's minimum parameters (19 MiB, 2 passes): memory-hard, yet a login stays well under 100 ms. */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, argon2Options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random URL-safe secret (256 bits unless told otherwise). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Tokens are high-entropy, so SHA-256 suffices for storage and keeps lookups indexable. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A readable random password for generated credentials (no look-alike characters). */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
