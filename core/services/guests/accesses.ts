import { eq } from 'drizzle-orm';
import { publishAccessChange } from '../../../db/queries/events.js';
import {
  ensureGuestAccess,
  findConversationGuestAccess,
  listConversationGuestAccesses,
  revokeGuestAccess,
  revokeGuestSessions,
  setGuestPassword,
  upsertGuest,
  type GuestAccessListRow,
} from '../../../db/queries/guests.js';
import { contacts, users } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { generatePassword, hashPassword, randomToken } from '../../auth/secrets.js';
import { guestPasswordWeakness } from '../../domain/guest-password.js';
import { invalid, notFound } from '../../errors.js';
import { serializeMessageWithRelations } from '../../serializers/conversation.js';
import { unixSeconds } from '../../serializers/time.js';
import { loadMessagesByIds } from '../../../db/queries/messages.js';
import { discardUploads } from '../attachments/receive.js';
import { findVisibleConversation } from '../conversations/access.js';
import { prepareMessageBody, type IncomingFile } from '../messages/create.js';
import { recordMessage } from '../messages/record.js';
import { guestPortalUrl, sendGuestMail } from './mail.js';

export function serializeGuestAccess(row: GuestAccessListRow) {
  return {
    id: row.id,
    email: row.email,
    status: row.revokedAt ? ('revoked' as const) : ('active' as const),
    created_by: row.createdById ? { id: row.createdById, name: row.createdByName ?? '' } : null,
    created_at: unixSeconds(row.createdAt)!,
    last_sign_in_at: unixSeconds(row.lastSignInAt),
    revoked_at: unixSeconds(row.revokedAt),
  };
}

const senderName = async (ctx: ServiceContext) => {
  const [row] = await ctx.db.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId));
  return row ? (row.displayName ?? row.name) : undefined;
};

/**
 * "Create external access": gives the conversation to a guest (made on first use of the e-mail in
 * this account) and posts the agent's first message with its files, all in one transaction; then,
 * if asked, mails the guest the portal link and a set-password link (the password itself only when
 * the agent typed it and chose to include it). Without a password one is generated and handed back
 * once, never stored readable.
 */
export async function createGuestAccess(
  ctx: ServiceContext,
  input: { displayId: number; email?: string; password?: string; content?: string | null; files?: IncomingFile[]; sendEmail: boolean; includePassword: boolean },
) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  let email = input.email?.trim().toLowerCase();
  if (!email) {
    const [contact] = await ctx.db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, conversation.contactId));
    email = contact?.email?.toLowerCase() ?? undefined;
    if (!email) throw invalid('email', "The contact has no e-mail address: type the guest's e-mail");
  }
  if (input.includePassword && !input.password) throw invalid('include_password', 'Only a typed password can be included in the e-mail');
  if (input.includePassword && !input.sendEmail) throw invalid('include_password', 'The password can only be included when the access details are e-mailed');
  if (input.password) {
    const weakness = guestPasswordWeakness(input.password, email);
    if (weakness) throw invalid('password', weakness);
  }
  const body = prepareMessageBody({ content: input.content, files: input.files });
  const password = input.password ?? generatePassword(16);
  const passwordHash = await hashPassword(password);
  const echoId = `guest-access:${randomToken(12)}`;

  const created = await ctx.db.transaction(async (tx) => {
    const guest = await upsertGuest(tx, { accountId: ctx.actor.accountId, email: email!, passwordHash });
    const access = await ensureGuestAccess(tx, { accountId: ctx.actor.accountId, guestId: guest.id, conversationId: conversation.id, createdById: ctx.actor.userId });
    // The guest's old sessions were signed in with the old password.
    await revokeGuestSessions(tx, guest.id);
    await publishAccessChange(tx, { kind: 'guest', accountId: ctx.actor.accountId, guestId: guest.id });
    const message = await recordMessage(tx, {
      conversation,
      messageType: 'outgoing',
      content: body.content,
      files: body.files,
      echoId,
      sender: { type: 'user', id: ctx.actor.userId },
    });
    return { guest, access, messageId: message.id };
  }).catch(async (error) => {
    await discardUploads(ctx.storage, input.files ?? []);
    throw error;
  });

  const emailSent = input.sendEmail
    ? await sendGuestMail(ctx, {
        accountId: ctx.actor.accountId,
        guestId: created.guest.id,
        email,
        kind: 'access',
        senderName: await senderName(ctx),
        password: input.includePassword ? input.password : undefined,
      })
    : false;
  const row = await findConversationGuestAccess(ctx.db, { accountId: ctx.actor.accountId, conversationId: conversation.id, accessId: created.access.id });
  const [message] = await loadMessagesByIds(ctx.db, { accountId: ctx.actor.accountId, ids: [created.messageId] });
  return {
    ...serializeGuestAccess(row!),
    email_sent: emailSent,
    portal_url: guestPortalUrl(ctx.config.publicUrl, ctx.actor.accountId),
    // Shown once, so the agent can hand it over; only its hash is kept.
    generated_password: input.password ? null : password,
    message: serializeMessageWithRelations(message, conversation.displayId),
  };
}

export async function listGuestAccesses(ctx: ServiceContext, displayId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  return (await listConversationGuestAccesses(ctx.db, { accountId: ctx.actor.accountId, conversationId: conversation.id })).map(serializeGuestAccess);
}

async function findAccess(ctx: ServiceContext, displayId: number, accessId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  const access = await findConversationGuestAccess(ctx.db, { accountId: ctx.actor.accountId, conversationId: conversation.id, accessId });
  if (!access) throw notFound('External access');
  return access;
}

/** Revokes the access and ends every session of its guest at once (open portal streams close). */
export async function revokeGuestAccessOfConversation(ctx: ServiceContext, input: { displayId: number; accessId: number }) {
  const access = await findAccess(ctx, input.displayId, input.accessId);
  await ctx.db.transaction(async (tx) => {
    await revokeGuestAccess(tx, access.id);
    await revokeGuestSessions(tx, access.guestId);
    await publishAccessChange(tx, { kind: 'guest', accountId: ctx.actor.accountId, guestId: access.guestId });
  });
  return serializeGuestAccess((await findAccess(ctx, input.displayId, input.accessId)));
}

/**
 * Resets the guest's password to one nobody knows, ends their sessions, and mails them a link to
 * choose a new one.
 */
export async function resetGuestPassword(ctx: ServiceContext, input: { displayId: number; accessId: number }) {
  const access = await findAccess(ctx, input.displayId, input.accessId);
  if (access.revokedAt) throw invalid('id', 'This access is revoked; create a new one');
  const passwordHash = await hashPassword(randomToken());
  await ctx.db.transaction(async (tx) => {
    await setGuestPassword(tx, { guestId: access.guestId, passwordHash });
    await revokeGuestSessions(tx, access.guestId);
    await publishAccessChange(tx, { kind: 'guest', accountId: ctx.actor.accountId, guestId: access.guestId });
  });
  const emailSent = await sendGuestMail(ctx, { accountId: ctx.actor.accountId, guestId: access.guestId, email: access.email, kind: 'reset' });
  return { ...serializeGuestAccess(access), email_sent: emailSent };
}

/** Mails the access details again, with a fresh set-password link; the password is not changed. */
export async function resendGuestAccessMail(ctx: ServiceContext, input: { displayId: number; accessId: number }) {
  const access = await findAccess(ctx, input.displayId, input.accessId);
  if (access.revokedAt) throw invalid('id', 'This access is revoked; create a new one');
  const emailSent = await sendGuestMail(ctx, { accountId: ctx.actor.accountId, guestId: access.guestId, email: access.email, kind: 'access', senderName: await senderName(ctx) });
  return { ...serializeGuestAccess(access), email_sent: emailSent };
}
