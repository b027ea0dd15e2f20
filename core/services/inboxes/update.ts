import { updateInbox as updateInboxRow } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { assertCanManageInboxes, findVisibleInbox } from './access.js';
import { loadMailboxState, startPollingQuietly } from './mail-connection.js';
import {
  assertEmailFree,
  checkChannelSettings,
  identityValidationChanges,
  mailServerRules,
  mergeInboxSettings,
  type IdentityValidationInput,
  type InboxChannelInput,
} from './settings.js';

/**
 * Administrators only; fields left out stay, channel settings sent as null are cleared. Regenerating
 * the identity secret invalidates every identifier_hash the site computed with the old one.
 */
export async function updateInbox(
  ctx: ServiceContext,
  id: number,
  input: { name?: string; enableAutoAssignment?: boolean; channel?: InboxChannelInput; identityValidation?: IdentityValidationInput },
) {
  assertCanManageInboxes(ctx);
  const current = await findVisibleInbox(ctx, id);
  const settings = input.channel ? mergeInboxSettings(current.settings, input.channel, mailServerRules(ctx)) : undefined;
  if (settings) {
    checkChannelSettings(current.channelType, settings);
    await assertEmailFree(ctx.db, { accountId: ctx.actor.accountId, email: settings.email, exceptId: id });
  }
  const row = await updateInboxRow(
    ctx.db,
    { accountId: ctx.actor.accountId, id },
    { name: input.name, enableAutoAssignment: input.enableAutoAssignment, settings, ...identityValidationChanges(current.channelType, input.identityValidation) },
  );
  if (!row) throw notFound('Inbox');
  if (input.channel?.imap) await startPollingQuietly(ctx, row);
  return serializeInbox(row, ctx.config.publicUrl, { showSecret: true, mailbox: await loadMailboxState(ctx, row.id) });
}
