import { eq } from 'drizzle-orm';
import { cancelOpenInvitation, findOpenInvitationOfAccount, listOpenInvitationsOfAccount, upsertPendingInvitation } from '../../../db/queries/invitations.js';
import { accounts, users, type AccountRole } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { hitRateLimit, type RateLimitRule } from '../../auth/rate-limit.js';
import { canManageAgents } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { serializeInvitedAgent } from '../../serializers/invitation.js';

/** Long enough to be seen after a holiday, short enough that a forgotten one does not linger. */
export const invitationLifetimeDays = 14;

// Re-adding someone renews the invitation and mails again; these caps stop an administrator (of any
// account, including one made for the purpose) from turning that into a mail cannon at a person.
const mailsPerInvitee: RateLimitRule = { limit: 3, windowMs: 60 * 60 * 1000 };
const mailsPerAccount: RateLimitRule = { limit: 100, windowMs: 60 * 60 * 1000 };

/** Where the invitee accepts, signed in as themselves. */
export const invitationUrl = (publicUrl: string, invitationId: number) => `${publicUrl.replace(/\/$/, '')}/app/invitations/${invitationId}`;

/**
 * Asks someone who already has a Parley login to join the account. Nothing about them changes and
 * they are not a member until they accept; the invitation e-mail goes out after the invitation is
 * stored, and its outcome is reported, because the person also finds it in their console.
 */
export async function inviteExistingUser(ctx: ServiceContext, input: { userId: number; email: string; name: string; role: AccountRole }) {
  const { accountId, userId: invitedById } = ctx.actor;
  const expiresAt = new Date(Date.now() + invitationLifetimeDays * 86_400_000);
  const invitationId = await upsertPendingInvitation(ctx.db, { accountId, userId: input.userId, invitedById, role: input.role, name: input.name, expiresAt });
  const invitation = await findOpenInvitationOfAccount(ctx.db, { accountId, invitationId });
  if (!invitation) throw notFound('Invitation');
  const emailSent = await sendInvitationMail(ctx, { invitationId, to: input.email, role: input.role });
  return serializeInvitedAgent(invitation, { emailSent });
}

async function sendInvitationMail(ctx: ServiceContext, { invitationId, to, role }: { invitationId: number; to: string; role: AccountRole }) {
  if (!ctx.mailer) return false;
  const overInviteeLimit = (await hitRateLimit(ctx.db, mailsPerInvitee, `invitation-mail:${ctx.actor.accountId}:${to}`)) > 0;
  if (overInviteeLimit || (await hitRateLimit(ctx.db, mailsPerAccount, `invitation-mail:account:${ctx.actor.accountId}`)) > 0) return false;
  const [[account], [inviter]] = await Promise.all([
    ctx.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, ctx.actor.accountId)),
    ctx.db.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId)),
  ]);
  const inviterName = inviter ? (inviter.displayName ?? inviter.name) : 'An administrator';
  const link = invitationUrl(ctx.config.publicUrl, invitationId);
  try {
    await ctx.mailer.send({
      to,
      subject: `${inviterName} invited you to ${account.name} on Parley`,
      text: [
        `${inviterName} invited you to join ${account.name} on Parley as ${role === 'administrator' ? 'an administrator' : 'an agent'}.`,
        '',
        `Sign in with your usual Parley login and accept here (valid for ${invitationLifetimeDays} days):`,
        link,
        '',
        'If you do not want to join, decline on the same page or ignore this e-mail: nothing changes until you accept.',
      ].join('\n'),
    });
    return true;
  } catch (error) {
    console.warn(`invitation ${invitationId}: the e-mail could not be sent: ${(error as Error).message}`);
    return false;
  }
}

/** Administrators see who is invited and not yet answered. */
export async function listAccountInvitations(ctx: ServiceContext) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can see invitations');
  return (await listOpenInvitationsOfAccount(ctx.db, ctx.actor.accountId)).map((row) => serializeInvitedAgent(row));
}

export async function cancelInvitation(ctx: ServiceContext, invitationId: number) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can cancel invitations');
  if (!(await cancelOpenInvitation(ctx.db, { accountId: ctx.actor.accountId, invitationId }))) throw notFound('Invitation');
}
