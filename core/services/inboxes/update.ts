import { updateInbox as updateInboxRow } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { assertCanManageInboxes, findVisibleInbox } from './access.js';
import { assertEmailFree, checkChannelSettings, mergeInboxSettings, type InboxChannelInput } from './settings.js';

/** Administrators only; fields left out stay, channel settings sent as null are cleared. */
export async function updateInbox(ctx: ServiceContext, id: number, input: { name?: string; enableAutoAssignment?: boolean; channel?: InboxChannelInput }) {
  assertCanManageInboxes(ctx);
  const current = await findVisibleInbox(ctx, id);
  const settings = input.channel ? mergeInboxSettings(current.settings, input.channel) : undefined;
  if (settings) {
    checkChannelSettings(current.channelType, settings);
    await assertEmailFree(ctx.db, { accountId: ctx.actor.accountId, email: settings.email, exceptId: id });
  }
  const row = await updateInboxRow(ctx.db, { accountId: ctx.actor.accountId, id }, { name: input.name, enableAutoAssignment: input.enableAutoAssignment, settings });
  if (!row) throw notFound('Inbox');
  return serializeInbox(row, ctx.config.publicUrl);
}
