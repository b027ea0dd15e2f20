import { findMembership } from '../../../db/queries/auth.js';
import { updateMembership } from '../../../db/queries/agents.js';
import { listAutoAssignedInboxesOf } from '../../../db/queries/routing.js';
import type { AvailabilityStatus } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { notFound } from '../../errors.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';
import { loadProfile } from './load.js';
import { recordPresence } from './presence.js';

/**
 * An agent sets their own availability in one of their accounts (and optionally whether presence may
 * take them offline). Online agents below their limits receive automatically assigned conversations;
 * busy and offline ones get nothing new. Setting it is being at the console, so presence is extended,
 * and the routers of their inboxes look again (coming online drains waiting conversations).
 */
export async function setAvailability(
  deps: Pick<AppDependencies, 'db' | 'temporal' | 'config'>,
  { userId, accountId, availability, autoOffline }: { userId: number; accountId: number; availability: AvailabilityStatus; autoOffline?: boolean },
) {
  const { db } = deps;
  // Same answer for "no such account" and "not yours", as everywhere else.
  if (!(await findMembership(db, { accountId, userId }))) throw notFound('Account');
  await withRouterNotices(routerDepsOf(deps), 'availability_changed', async (tx, notifyRouter) => {
    await updateMembership(tx, { accountId, userId }, { availability, autoOffline });
    await notifyRouter(await listAutoAssignedInboxesOf(tx, { accountId, userId }));
  });
  await recordPresence(deps, { accountId, userId });
  return loadProfile(db, userId);
}
