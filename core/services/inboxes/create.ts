import { updateInbox } from '../../../db/queries/inboxes.js';
import { recordAudit } from '../audit/record.js';
import type { ChannelType } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { createInboxRecord } from '../accounts/bootstrap.js';
import { apiInboxCallbackSecret, assertApiInboxCallbackUrl, syncApiInboxCallback } from '../webhooks/api-inbox.js';
import { assertCanManageInboxes } from './access.js';
import { startPollingQuietly } from './mail-connection.js';
import { assertEmailFree, checkChannelSettings, mailServerRules, mergeInboxSettings, type InboxChannelInput } from './settings.js';

export async function createInbox(ctx: ServiceContext, input: { name: string; channelType: ChannelType; channel: InboxChannelInput; enableAutoAssignment?: boolean; csatSurveyEnabled?: boolean }) {
  assertCanManageInboxes(ctx);
  const settings = mergeInboxSettings({}, input.channel, mailServerRules(ctx));
  checkChannelSettings(input.channelType, settings);
  await assertEmailFree(ctx.db, { accountId: ctx.actor.accountId, email: settings.email });
  if (input.channelType === 'api') await assertApiInboxCallbackUrl(ctx.config, settings.webhookUrl);
  const inbox = await ctx.db.transaction(async (tx) => {
    let created = await createInboxRecord(tx, { accountId: ctx.actor.accountId, name: input.name, channelType: input.channelType, settings });
    if (input.enableAutoAssignment === false || input.csatSurveyEnabled) {
      created =
        (await updateInbox(tx, { accountId: ctx.actor.accountId, id: created.id }, { enableAutoAssignment: input.enableAutoAssignment, csatSurveyEnabled: input.csatSurveyEnabled })) ?? created;
    }
    await syncApiInboxCallback(tx, ctx.config, created);
    await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'Inbox', auditableId: created.id, changes: { name: created.name, channel_type: created.channelType } });
    return created;
  });
  if (inbox.settings.imap) await startPollingQuietly(ctx, inbox);
  return serializeInbox(inbox, ctx.config.publicUrl, { showSecret: true, callbackSecret: await apiInboxCallbackSecret(ctx.db, ctx.config, inbox) });
}
