import { publishAccessChange } from '../../../db/queries/events.js';
import { deleteInbox as deleteInboxRow } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { assertCanManageInboxes } from './access.js';

/** Administrators only. As in Chatwoot, the inbox's conversations and contact addresses go with it. */
export async function deleteInbox(ctx: ServiceContext, id: number) {
  assertCanManageInboxes(ctx);
  const { accountId } = ctx.actor;
  const deleted = await ctx.db.transaction(async (tx) => {
    if (!(await deleteInboxRow(tx, { accountId, id }))) return false;
    // Its visitors' open streams close; consoles re-read their inboxes.
    await publishAccessChange(tx, { kind: 'inbox', accountId, inboxId: id });
    return true;
  });
  if (!deleted) throw notFound('Inbox');
}
