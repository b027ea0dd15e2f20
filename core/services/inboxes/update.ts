import { setInboxMemberLimits, updateInbox as updateInboxRow, type InboxRoutingChanges } from '../../../db/queries/inboxes.js';
import { recordAudit } from '../audit/record.js';
import { invalid } from '../../errors.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';
import type { ServiceContext } from '../../context.js';
import type { BusinessHours } from '../../domain/business-hours.js';
import { notFound } from '../../errors.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { apiInboxCallbackSecret, assertApiInboxCallbackUrl, syncApiInboxCallback } from '../webhooks/api-inbox.js';
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
  input: {
    name?: string;
    enableAutoAssignment?: boolean;
    csatSurveyEnabled?: boolean;
    channel?: InboxChannelInput;
    identityValidation?: IdentityValidationInput;
    businessHours?: Partial<BusinessHours>;
    routing?: InboxRoutingChanges;
    agentLimits?: { userId: number; maxAssignmentLimit: number | null }[];
  },
) {
  assertCanManageInboxes(ctx);
  const current = await findVisibleInbox(ctx, id);
  let settings = input.channel ? mergeInboxSettings(current.settings, input.channel, mailServerRules(ctx)) : undefined;
  const hours = input.businessHours;
  if (hours && (hours.enabled !== undefined || hours.timezone !== undefined || hours.days !== undefined)) {
    const base = settings ?? current.settings;
    const previous = base.businessHours ?? { enabled: false, timezone: 'UTC', days: [] };
    settings = { ...base, businessHours: { enabled: hours.enabled ?? previous.enabled, timezone: hours.timezone ?? previous.timezone, days: hours.days ?? previous.days } };
  }
  if (settings) {
    checkChannelSettings(current.channelType, settings);
    await assertEmailFree(ctx.db, { accountId: ctx.actor.accountId, email: settings.email, exceptId: id });
    if (current.channelType === 'api') await assertApiInboxCallbackUrl(ctx.config, settings.webhookUrl);
  }
  // Switching assignment on, or raising a limit, may let waiting conversations through: the router looks again.
  const row = await withRouterNotices(routerDepsOf(ctx), 'settings_changed', async (tx, notifyRouter) => {
    const updated = await updateInboxRow(
      tx,
      { accountId: ctx.actor.accountId, id },
      {
        name: input.name,
        enableAutoAssignment: input.enableAutoAssignment,
        csatSurveyEnabled: input.csatSurveyEnabled,
        settings,
        ...identityValidationChanges(current.channelType, input.identityValidation),
        ...input.routing,
      },
    );
    if (!updated) throw notFound('Inbox');
    if (input.agentLimits?.length) {
      const strangers = await setInboxMemberLimits(tx, { inboxId: id, limits: input.agentLimits });
      if (strangers.length) throw invalid('assignment_policy.agent_limits', `Not members of this inbox: ${strangers.join(', ')}`);
    }
    if (input.enableAutoAssignment !== undefined || input.routing || input.agentLimits) await notifyRouter([{ accountId: updated.accountId, inboxId: updated.id }]);
    await syncApiInboxCallback(tx, ctx.config, updated);
    // The fields asked for, not settings' secrets: enough to tell who changed which inbox and how.
    await recordAudit(tx, ctx.actor, {
      action: 'update',
      auditableType: 'Inbox',
      auditableId: id,
      changes: { name: input.name, enable_auto_assignment: input.enableAutoAssignment, csat_survey_enabled: input.csatSurveyEnabled, settings_changed: settings ? true : undefined },
    });
    return updated;
  });
  if (input.channel?.imap) await startPollingQuietly(ctx, row);
  return serializeInbox(row, ctx.config.publicUrl, { showSecret: true, callbackSecret: await apiInboxCallbackSecret(ctx.db, ctx.config, row), mailbox: await loadMailboxState(ctx, row.id) });
}
