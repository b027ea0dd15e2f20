import { findMembership } from '../../../db/queries/auth.js';
import { updateMembership } from '../../../db/queries/agents.js';
import type { Database } from '../../../db/client.js';
import type { AvailabilityStatus } from '../../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { loadProfile } from './load.js';

/** An agent sets their own availability in one of their accounts (online agents receive auto-assigned conversations). */
export async function setAvailability(db: Database, { userId, accountId, availability }: { userId: number; accountId: number; availability: AvailabilityStatus }) {
  // Same answer for "no such account" and "not yours", as everywhere else.
  if (!(await findMembership(db, { accountId, userId }))) throw notFound('Account');
  await updateMembership(db, { accountId, userId }, { availability });
  return loadProfile(db, userId);
}
