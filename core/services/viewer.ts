import { listMemberInboxIds } from '../../db/queries/conversations.js';
import type { DatabaseOrTransaction } from '../../db/client.js';
import type { Viewer } from '../domain/permissions.js';
import type { AccountActor } from '../context.js';

/** The actor plus the inboxes they belong to: what permission rules need. */
export async function loadViewer(db: DatabaseOrTransaction, actor: AccountActor): Promise<Viewer> {
  const inboxIds = actor.role === 'administrator' ? [] : await listMemberInboxIds(db, { accountId: actor.accountId, userId: actor.userId });
  return { userId: actor.userId, role: actor.role, inboxIds };
}
