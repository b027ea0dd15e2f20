import { findAgent } from '../../../db/queries/agents.js';
import { recordAudit } from '../audit/record.js';
import { findMembership, findUserByEmail } from '../../../db/queries/auth.js';
import { accountMemberships, users, type AccountRole, type AvailabilityStatus } from '../../../db/schema/index.js';
import { generatePassword, hashPassword } from '../../auth/secrets.js';
import type { ServiceContext } from '../../context.js';
import { canManageAgents } from '../../domain/permissions.js';
import { forbidden, invalid } from '../../errors.js';
import { serializeAgent } from '../../serializers/user.js';
import { inviteExistingUser } from './invitations.js';

export type CreateAgentInput = { name: string; email: string; role: AccountRole; availability?: AvailabilityStatus; autoOffline?: boolean; password?: string };

const alreadyMember = () => invalid('email', 'Someone with this email is already an agent of this account');

/**
 * Adds an agent to the account (administrators only).
 *
 * A brand-new e-mail gets a login at once, with the given password or a generated one returned
 * this once, as Chatwoot's and Zendesk's "add agent" do: nobody else's consent is at stake and the
 * administrator hands the credentials over. Only the Argon2id hash is kept.
 *
 * An e-mail that already has a Parley login (in another account) is a person with their own
 * accounts, name and password: they are invited instead, and join only when they accept, signed in
 * as themselves. The answer is the agent in its invited state (`confirmed: false`, `invitation`).
 */
export async function createAgent(ctx: ServiceContext, input: CreateAgentInput) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can add agents');
  const { accountId } = ctx.actor;
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(ctx.db, email);
  if (existing) {
    if (await findMembership(ctx.db, { accountId, userId: existing.id })) throw alreadyMember();
    return inviteExistingUser(ctx, { userId: existing.id, email, name: input.name, role: input.role });
  }
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);

  const created = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(users).values({ name: input.name, email, passwordHash }).onConflictDoNothing().returning({ id: users.id });
    // Lost a race with another request creating the same login: that person is now "existing".
    if (!inserted) return undefined;
    await tx
      .insert(accountMemberships)
      .values({ accountId, userId: inserted.id, role: input.role, availability: input.availability ?? 'offline', autoOffline: input.autoOffline ?? true });
    await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'AccountUser', auditableId: inserted.id, changes: { name: input.name, email, role: input.role } });
    return inserted.id;
  });
  if (created === undefined) {
    const raced = await findUserByEmail(ctx.db, email);
    if (!raced || (await findMembership(ctx.db, { accountId, userId: raced.id }))) throw alreadyMember();
    return inviteExistingUser(ctx, { userId: raced.id, email, name: input.name, role: input.role });
  }

  const agent = await findAgent(ctx.db, { accountId, userId: created });
  if (!agent) throw alreadyMember();
  return { ...serializeAgent(agent), password };
}
