import { listAgents } from '../../../db/queries/agents.js';
import type { ServiceContext } from '../../context.js';
import { serializeAgent } from '../../serializers/user.js';

/** Every member of the account can see who else is in it (to assign, mention, hand over). */
export async function listAccountAgents(ctx: ServiceContext) {
  return (await listAgents(ctx.db, ctx.actor.accountId)).map(serializeAgent);
}
