import { findInbox, type InboxRow } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { canManageInboxes, canSeeConversation } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { loadViewer } from '../viewer.js';

/** An inbox the actor may see: administrators see all, agents the inboxes they belong to; others answer 404. */
export async function findVisibleInbox(ctx: ServiceContext, id: number): Promise<InboxRow> {
  const [inbox, viewer] = await Promise.all([findInbox(ctx.db, { accountId: ctx.actor.accountId, id }), loadViewer(ctx.db, ctx.actor)]);
  if (!inbox || !canSeeConversation(viewer, { inboxId: inbox.id })) throw notFound('Inbox');
  return inbox;
}

export function assertCanManageInboxes(ctx: ServiceContext) {
  if (!canManageInboxes(ctx.actor)) throw forbidden('Only administrators can manage inboxes');
}
