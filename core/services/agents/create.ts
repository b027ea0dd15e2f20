import { findAgent } from '../../../db/queries/agents.js';
import { findMembership, findUserByEmail } from '../../../db/queries/auth.js';
import { accountMemberships, users, type AccountRole, type AvailabilityStatus } from '../../../db/schema/index.js';
import { generatePassword, hashPassword } from '../../auth/secrets.js';
import type { ServiceContext } from '../../context.js';
import { canManageAgents } from '../../domain/permissions.js';
import { forbidden, invalid } from '../../errors.js';
import { serializeAgent } from '../../serializers/user.js';

export type CreateAgentInput = { name: string; email: string; role: AccountRole; availability?: AvailabilityStatus; autoOffline?: boolean; password?: string };

const alreadyMember = () => invalid('email', 'Someone with this email is already an agent of this account');

/**
 * Adds an agent to the account (administrators only). A new login gets the given password or a
 * generated one, returned once so the administrator can hand it over; only its Argon2id hash is kept.
 * Someone who already has a Parley login (from another account) keeps their own password and name.
 */
export async function createAgent(ctx: ServiceContext, input: CreateAgentInput) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can add agents');
  const { accountId } = ctx.actor;
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(ctx.db, email);
  if (existing && (await findMembership(ctx.db, { accountId, userId: existing.id }))) throw alreadyMember();
  const password = existing ? undefined : (input.password ?? generatePassword());
  const passwordHash = password ? await hashPassword(password) : undefined;

  const created = await ctx.db.transaction(async (tx) => {
    let userId = existing?.id;
    let newLogin = false;
    if (!userId && passwordHash) {
      const [inserted] = await tx.insert(users).values({ name: input.name, email, passwordHash }).onConflictDoNothing().returning({ id: users.id });
      // Lost a race with another request creating the same login: join that one instead.
      userId = inserted?.id ?? (await findUserByEmail(tx, email))?.id;
      newLogin = Boolean(inserted);
    }
    if (!userId) throw alreadyMember();
    const [membership] = await tx
      .insert(accountMemberships)
      .values({ accountId, userId, role: input.role, availability: input.availability ?? 'offline', autoOffline: input.autoOffline ?? true })
      .onConflictDoNothing()
      .returning({ id: accountMemberships.id });
    if (!membership) throw alreadyMember();
    return { userId, newLogin };
  });

  const agent = await findAgent(ctx.db, { accountId, userId: created.userId });
  if (!agent) throw alreadyMember();
  return { ...serializeAgent(agent), ...(created.newLogin && password ? { password } : {}) };
}
