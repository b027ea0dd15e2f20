import { deleteInbox as deleteInboxRow } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { assertCanManageInboxes } from './access.js';

/** Administrators only. As in Chatwoot, the inbox's conversations and contact addresses go with it. */
export async function deleteInbox(ctx: ServiceContext, id: number) {
  assertCanManageInboxes(ctx);
  if (!(await deleteInboxRow(ctx.db, { accountId: ctx.actor.accountId, id }))) throw notFound('Inbox');
}
