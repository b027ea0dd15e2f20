import { loadMailboxState } from './mail-connection.js';
import { findInbox, type InboxRow } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { canManageInboxes, canSeeInbox, isAdministrator } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { apiInboxCallbackSecret } from '../webhooks/api-inbox.js';
import { loadViewer } from '../viewer.js';

/** An inbox the actor may see: administrators see all, agents the inboxes they belong to; others answer 404. */
export async function findVisibleInbox(ctx: ServiceContext, id: number): Promise<InboxRow> {
  const [inbox, viewer] = await Promise.all([findInbox(ctx.db, { accountId: ctx.actor.accountId, id }), loadViewer(ctx.db, ctx.actor)]);
  if (!inbox || !canSeeInbox(viewer, inbox.id)) throw notFound('Inbox');
  return inbox;
}

export function assertCanManageInboxes(ctx: ServiceContext) {
  if (!canManageInboxes(ctx.actor)) throw forbidden('Only administrators can manage inboxes');
}

/** One inbox as its reader may see it: administrators get its secrets (identity HMAC, API callback signing secret). */
export async function showVisibleInbox(ctx: ServiceContext, id: number) {
  const inbox = await findVisibleInbox(ctx, id);
  const admin = isAdministrator(ctx.actor);
  const mailbox = await loadMailboxState(ctx, inbox.id);
  return serializeInbox(inbox, ctx.config.publicUrl, { showSecret: admin, callbackSecret: admin ? await apiInboxCallbackSecret(ctx.db, ctx.config, inbox) : undefined, mailbox });
}
