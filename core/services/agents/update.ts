import { findAgent, updateMembership, updateUser } from '../../../db/queries/agents.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import type { AccountRole, AvailabilityStatus } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { canManageAgents } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { serializeAgent } from '../../serializers/user.js';
import { assertNotLastAdministrator } from './last-administrator.js';

/** Administrators change an agent's name, role and availability; the last administrator cannot be demoted. */
export async function updateAgent(
  ctx: ServiceContext,
  userId: number,
  input: { name?: string; role?: AccountRole; availability?: AvailabilityStatus; autoOffline?: boolean },
) {
  if (!canManageAgents(ctx.actor)) throw forbidden('Only administrators can change agents');
  const { accountId } = ctx.actor;
  const target = await findAgent(ctx.db, { accountId, userId });
  if (!target) throw notFound('Agent');
  await ctx.db.transaction(async (tx) => {
    if (input.role === 'agent' && target.role === 'administrator') await assertNotLastAdministrator(tx, { accountId, userId, field: 'role' });
    await updateMembership(tx, { accountId, userId }, { role: input.role, availability: input.availability, autoOffline: input.autoOffline });
    if (input.name !== undefined) await updateUser(tx, userId, { name: input.name });
    // Their open streams re-judge what they may see under the new role.
    if (input.role !== undefined && input.role !== target.role) await publishAccessChange(tx, { kind: 'membership', accountId, userId });
  });
  const updated = await findAgent(ctx.db, { accountId, userId });
  if (!updated) throw notFound('Agent');
  return serializeAgent(updated);
}
