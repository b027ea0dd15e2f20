import { listInboxes } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { loadViewer } from '../viewer.js';

/** Administrators see every inbox of the account; agents only those they are members of. */
export async function listVisibleInboxes(ctx: ServiceContext) {
  const viewer = await loadViewer(ctx.db, ctx.actor);
  const rows = await listInboxes(ctx.db, { accountId: ctx.actor.accountId, ids: isAdministrator(viewer) ? undefined : viewer.inboxIds });
  return rows.map((row) => serializeInbox(row, ctx.config.publicUrl, { showSecret: isAdministrator(viewer) }));
}
