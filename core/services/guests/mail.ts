import { eq } from 'drizzle-orm';
import { insertGuestPasswordToken } from '../../../db/queries/guests.js';
import { accounts } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { hitRateLimit, type RateLimitRule } from '../../auth/rate-limit.js';
import { hashToken, randomToken } from '../../auth/secrets.js';

/** How long a set-password link works: long enough for a guest who reads mail weekly. */
export const guestPasswordLinkLifetimeDays = 7;

// Resending and resetting mail again; these caps stop it becoming a way to flood someone's inbox.
const mailsPerGuest: RateLimitRule = { limit: 5, windowMs: 60 * 60 * 1000 };
const mailsPerAccount: RateLimitRule = { limit: 200, windowMs: 60 * 60 * 1000 };

const base = (publicUrl: string) => publicUrl.replace(/\/$/, '');
/** The account's guest portal, where its guests sign in. */
export const guestPortalUrl = (publicUrl: string, accountId: number) => `${base(publicUrl)}/portal/${accountId}`;
export const guestSetPasswordUrl = (publicUrl: string, accountId: number, token: string) => `${guestPortalUrl(publicUrl, accountId)}/password?token=${encodeURIComponent(token)}`;

export type GuestMailKind = 'access' | 'reset' | 'forgotten';

/**
 * Mails a guest their portal link and login with a fresh one-time set-password link (and the password
 * itself only when the agent typed it and chose to include it). Returns whether the mail went out:
 * the access exists either way, and the agent can resend.
 */
export async function sendGuestMail(
  deps: Pick<AppDependencies, 'db' | 'mailer' | 'config'>,
  input: { accountId: number; guestId: number; email: string; kind: GuestMailKind; senderName?: string; password?: string },
): Promise<boolean> {
  if (!deps.mailer) return false;
  if ((await hitRateLimit(deps.db, mailsPerGuest, `guest-mail:${input.accountId}:${input.email}`)) > 0) return false;
  if ((await hitRateLimit(deps.db, mailsPerAccount, `guest-mail:account:${input.accountId}`)) > 0) return false;
  const [account] = await deps.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, input.accountId));
  const token = randomToken();
  await insertGuestPasswordToken(deps.db, {
    guestId: input.guestId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + guestPasswordLinkLifetimeDays * 86_400_000),
  });
  const portal = guestPortalUrl(deps.config.publicUrl, input.accountId);
  const setPassword = guestSetPasswordUrl(deps.config.publicUrl, input.accountId, token);
  const lines =
    input.kind === 'access'
      ? [
          `${input.senderName ?? 'Someone'} at ${account.name} opened a conversation with you.`,
          '',
          `Read and reply in ${account.name}'s portal: ${portal}`,
          `Your login: ${input.email}`,
          ...(input.password ? [`Your password: ${input.password}`] : []),
          '',
          `${input.password ? 'To choose a password of your own' : 'Choose your password here'} (the link works once, for ${guestPasswordLinkLifetimeDays} days):`,
          setPassword,
        ]
      : [
          input.kind === 'reset' ? `${account.name} reset your portal password.` : `Someone asked to reset your password for ${account.name}'s portal.`,
          '',
          `Choose a new password here (the link works once, for ${guestPasswordLinkLifetimeDays} days):`,
          setPassword,
          '',
          `Then sign in at ${portal} with ${input.email}.`,
          ...(input.kind === 'forgotten' ? ['If you did not ask, ignore this e-mail: your password stays as it is.'] : []),
        ];
  try {
    await deps.mailer.send({
      to: input.email,
      subject: input.kind === 'access' ? `${account.name}: your access to a conversation` : `${account.name}: choose your portal password`,
      text: lines.join('\n'),
    });
    return true;
  } catch (error) {
    console.warn(`guest ${input.guestId}: the ${input.kind} e-mail could not be sent: ${(error as Error).message}`);
    return false;
  }
}
