import { eq } from 'drizzle-orm';
import { publishAccessChange } from '../../../db/queries/events.js';
import {
  consumeGuestPasswordToken,
  findGuestByEmail,
  findGuestBySessionTokenHash,
  guestEmailsByIds,
  insertGuestSession,
  listConversationDocuments,
  listGuestConversations,
  revokeGuestSession,
  revokeGuestSessions,
  setGuestPassword,
} from '../../../db/queries/guests.js';
import { listConversationMessages } from '../../../db/queries/messages.js';
import { findConversationById } from '../../../db/queries/conversations.js';
import { accounts, guests, users } from '../../../db/schema/index.js';
import { inArray } from 'drizzle-orm';
import type { AppDependencies } from '../../context.js';
import { defaultRateLimits, enforceRateLimit, resetRateLimit, type RateLimits } from '../../auth/rate-limit.js';
import { hashPassword, hashToken, randomToken, verifyPassword } from '../../auth/secrets.js';
import { guestPasswordWeakness } from '../../domain/guest-password.js';
import { ApiError, invalid, notFound } from '../../errors.js';
import { attachmentUrl } from '../../serializers/message.js';
import { serializePublicMessages, type PublicMessageJson } from '../../serializers/public.js';
import { unixSeconds } from '../../serializers/time.js';
import { prepareMessageBody, storeMessage, type IncomingFile } from '../messages/create.js';
import { publicMessageFromJson } from '../public/messages.js';
import { sendGuestMail } from './mail.js';

/** A guest session lasts at most a day (and ends sooner when idle): guests are outsiders on any device. */
export const guestSessionLifetimeMs = 24 * 60 * 60 * 1000;
/** A guest unused for two hours signs in again. */
export const guestSessionIdleTimeoutMs = 2 * 60 * 60 * 1000;

export type SignedInGuest = { guest: { id: number; accountId: number; email: string }; sessionId: number };

// Same decoy as agents' sign-in: unknown e-mails cost the same time as wrong passwords.
const decoyHash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3dlNRuD8ZtGzkvxzq+p1qZ1wrEYBf2hZ0A7eGgnm3uo';

const wrongLogin = () => new ApiError('UNAUTHENTICATED', 'Wrong e-mail or password', 'password');

/** Signs a guest in to one account's portal; only a guest with at least one live access may. */
export async function signInGuest(
  deps: Pick<AppDependencies, 'db'>,
  input: { accountId: number; email: string; password: string; clientKey: string; rateLimits?: RateLimits },
) {
  const email = input.email.trim().toLowerCase();
  const limits = input.rateLimits ?? defaultRateLimits;
  const addressAndEmailKey = `guest-sign-in:address+email:${input.clientKey}|${input.accountId}|${email}`;
  await enforceRateLimit(deps.db, limits.signInPerAddress, `guest-sign-in:address:${input.clientKey}`, 'Too many sign-in attempts from your address');
  await enforceRateLimit(deps.db, limits.signInPerEmail, `guest-sign-in:email:${input.accountId}|${email}`, 'Too many sign-in attempts for this login');
  await enforceRateLimit(deps.db, limits.signInPerAddressAndEmail, addressAndEmailKey, 'Too many sign-in attempts');
  const guest = await findGuestByEmail(deps.db, { accountId: input.accountId, email });
  const valid = await verifyPassword(guest?.passwordHash ?? decoyHash, input.password);
  if (!guest || !valid) throw wrongLogin();
  const conversations = await listGuestConversations(deps.db, { accountId: input.accountId, guestId: guest.id });
  if (conversations.length === 0) throw wrongLogin();
  await resetRateLimit(deps.db, addressAndEmailKey);
  const sessionToken = randomToken();
  const expiresAt = new Date(Date.now() + guestSessionLifetimeMs);
  const session = await insertGuestSession(deps.db, { guestId: guest.id, tokenHash: hashToken(sessionToken), expiresAt });
  return { sessionToken, expiresAt, signedIn: { guest: { id: guest.id, accountId: guest.accountId, email: guest.email }, sessionId: session.id } satisfies SignedInGuest };
}

/** The guest of a live portal session, or undefined (revoked, expired, idle). */
export async function authenticateGuest(deps: Pick<AppDependencies, 'db'>, sessionToken: string): Promise<SignedInGuest | undefined> {
  return findGuestBySessionTokenHash(deps.db, { tokenHash: hashToken(sessionToken), idleTimeoutMs: guestSessionIdleTimeoutMs });
}

export const signOutGuest = (deps: Pick<AppDependencies, 'db'>, signedIn: SignedInGuest) =>
  deps.db.transaction(async (tx) => {
    await revokeGuestSession(tx, signedIn.sessionId);
    await publishAccessChange(tx, { kind: 'guest', accountId: signedIn.guest.accountId, guestId: signedIn.guest.id });
  });

/** What the portal shows before sign-in: the account's name (and initial, as its logo). */
export async function showPortal(deps: Pick<AppDependencies, 'db'>, accountId: number) {
  const [account] = await deps.db.select({ id: accounts.id, name: accounts.name, locale: accounts.locale }).from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw notFound('Portal');
  return { account: { id: account.id, name: account.name, locale: account.locale } };
}

/** The signed-in guest and the conversations they were given, numbered as the portal shows them. */
export async function showGuestProfile(deps: Pick<AppDependencies, 'db'>, signedIn: SignedInGuest) {
  const [portal, conversations] = await Promise.all([
    showPortal(deps, signedIn.guest.accountId),
    listGuestConversations(deps.db, { accountId: signedIn.guest.accountId, guestId: signedIn.guest.id }),
  ]);
  return {
    ...portal,
    guest: { id: signedIn.guest.id, email: signedIn.guest.email },
    conversations: conversations.map((row, index) => ({ id: row.displayId, number: index + 1, status: row.status, given_at: unixSeconds(row.createdAt)! })),
  };
}

/** A conversation the guest was given and still holds; anything else answers 404, like a missing one. */
export async function findGuestConversation(deps: Pick<AppDependencies, 'db'>, signedIn: SignedInGuest, displayId: number) {
  const given = await listGuestConversations(deps.db, { accountId: signedIn.guest.accountId, guestId: signedIn.guest.id });
  const match = given.find((row) => row.displayId === displayId);
  const conversation = match ? await findConversationById(deps.db, match.conversationId) : undefined;
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

/** The conversation's public messages (never private notes or activity), oldest first; `before` pages back. */
export async function listGuestMessages(deps: Pick<AppDependencies, 'db'>, signedIn: SignedInGuest, input: { displayId: number; before?: number }): Promise<PublicMessageJson[]> {
  const conversation = await findGuestConversation(deps, signedIn, input.displayId);
  const rows = await listConversationMessages(deps.db, { accountId: conversation.accountId, conversationId: conversation.id, beforeId: input.before, includePrivate: false });
  return serializePublicMessages(rows.filter((row) => row.message.messageType !== 'activity'), conversation.displayId);
}

/** The Documents panel: every file shared in the conversation, who shared it and when. */
export async function listGuestDocuments(deps: Pick<AppDependencies, 'db'>, signedIn: SignedInGuest, displayId: number) {
  const conversation = await findGuestConversation(deps, signedIn, displayId);
  const files = await listConversationDocuments(deps.db, { accountId: conversation.accountId, conversationId: conversation.id });
  const userIds = [...new Set(files.filter((f) => f.senderType === 'user' && f.senderId).map((f) => f.senderId!))];
  const guestIds = [...new Set(files.filter((f) => f.senderType === 'guest' && f.senderId).map((f) => f.senderId!))];
  const [userNames, guestNames] = await Promise.all([
    userIds.length
      ? deps.db.select({ id: users.id, name: users.name, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)).then((rows) => new Map(rows.map((u) => [u.id, u.displayName ?? u.name])))
      : new Map<number, string>(),
    guestEmailsByIds(deps.db, guestIds),
  ]);
  return files.map((file) => ({
    id: file.id,
    message_id: file.messageId,
    file_name: file.fileName,
    file_type: file.fileType,
    file_size: file.byteSize,
    data_url: attachmentUrl(file),
    shared_by: {
      type: file.senderType,
      name: (file.senderType === 'user' && userNames.get(file.senderId!)) || (file.senderType === 'guest' && guestNames.get(file.senderId!)) || '',
      is_you: file.senderType === 'guest' && file.senderId === signedIn.guest.id,
    },
    created_at: unixSeconds(file.createdAt)!,
  }));
}

/** The guest replies: an incoming message marked as theirs (sender type `guest`), through the same path as every channel. */
export async function createGuestMessage(
  deps: AppDependencies,
  signedIn: SignedInGuest,
  input: { displayId: number; content?: string | null; echoId?: string; files?: IncomingFile[] },
): Promise<PublicMessageJson> {
  const conversation = await findGuestConversation(deps, signedIn, input.displayId);
  const body = prepareMessageBody({ content: input.content, files: input.files });
  const stored = await storeMessage(deps, {
    conversation,
    messageType: 'incoming',
    content: body.content,
    files: body.files,
    echoId: input.echoId,
    sender: { type: 'guest', id: signedIn.guest.id },
  });
  return publicMessageFromJson(stored);
}

/**
 * "Forgot your password": mails a set-password link when the e-mail belongs to a guest of the account
 * with a live access. The answer is the same either way, so it never tells who is a guest.
 */
export async function requestGuestPasswordReset(deps: Pick<AppDependencies, 'db' | 'mailer' | 'config'>, input: { accountId: number; email: string; clientKey: string }) {
  await enforceRateLimit(deps.db, defaultRateLimits.signInPerAddress, `guest-forgot:address:${input.clientKey}`, 'Too many requests from your address');
  const guest = await findGuestByEmail(deps.db, input);
  if (!guest) return;
  const conversations = await listGuestConversations(deps.db, { accountId: input.accountId, guestId: guest.id });
  if (conversations.length === 0) return;
  await sendGuestMail(deps, { accountId: input.accountId, guestId: guest.id, email: guest.email, kind: 'forgotten' });
}

/** Sets the password through a one-time link; the guest's other sessions end. */
export async function setGuestPasswordWithToken(deps: Pick<AppDependencies, 'db'>, input: { accountId: number; token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    const used = await consumeGuestPasswordToken(tx, hashToken(input.token));
    const [guest] = used ? await tx.select().from(guests).where(eq(guests.id, used.guestId)) : [];
    if (!guest || guest.accountId !== input.accountId) throw invalid('token', 'This link has expired or was already used; ask for a new one');
    const weakness = guestPasswordWeakness(input.password, guest.email);
    if (weakness) throw invalid('password', weakness);
    await setGuestPassword(tx, { guestId: guest.id, passwordHash });
    await revokeGuestSessions(tx, guest.id);
    await publishAccessChange(tx, { kind: 'guest', accountId: guest.accountId, guestId: guest.id });
  });
}
