import { randomBytes } from 'node:crypto';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { insertAccessToken } from '../../../db/queries/auth.js';
import { accountMemberships, accounts, inboxes, inboxMembers, users, type AccountRole, type ChannelType, type InboxSettings } from '../../../db/schema/index.js';
import { hashPassword, hashToken, randomToken } from '../../auth/secrets.js';

export async function createAccount(db: DatabaseOrTransaction, input: { name: string; locale?: 'en' | 'pt_BR' }) {
  const [account] = await db.insert(accounts).values({ name: input.name, locale: input.locale ?? 'en' }).returning();
  return account;
}

/** Creates a user (or reuses one with that e-mail) and makes them a member of the account. */
export async function addUserToAccount(
  db: DatabaseOrTransaction,
  input: { accountId: number; name: string; email: string; password: string; role: AccountRole; availability?: 'online' | 'busy' | 'offline' },
) {
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .insert(users)
    .values({ name: input.name, email, passwordHash: await hashPassword(input.password) })
    .onConflictDoUpdate({ target: users.email, set: { name: input.name } })
    .returning();
  await db
    .insert(accountMemberships)
    .values({ accountId: input.accountId, userId: user.id, role: input.role, availability: input.availability ?? 'offline' })
    .onConflictDoNothing();
  return user;
}

/** A new API access token; the clear text is returned once and only its hash is stored. */
export async function issueAccessToken(db: DatabaseOrTransaction, userId: number, name?: string): Promise<string> {
  return (await issueAccessTokenRecord(db, userId, name)).token;
}

export async function issueAccessTokenRecord(db: DatabaseOrTransaction, userId: number, name?: string, expiresAt?: Date | null) {
  const token = randomToken();
  const row = await insertAccessToken(db, { userId, name, expiresAt: expiresAt ?? null, tokenHash: hashToken(token), tokenPrefix: token.slice(0, 6) });
  return { token, row };
}

/** Public inbox identifiers are long random strings, as Chatwoot's, so inboxes cannot be enumerated. */
export const newInboxIdentifier = () => randomBytes(18).toString('base64url');

export async function createInboxRecord(
  db: DatabaseOrTransaction,
  input: { accountId: number; name: string; channelType: ChannelType; settings?: InboxSettings; memberIds?: number[] },
) {
  const [inbox] = await db
    .insert(inboxes)
    .values({ accountId: input.accountId, name: input.name, channelType: input.channelType, identifier: newInboxIdentifier(), settings: input.settings ?? {} })
    .returning();
  if (input.memberIds?.length) await db.insert(inboxMembers).values(input.memberIds.map((userId) => ({ inboxId: inbox.id, userId })));
  return inbox;
}
