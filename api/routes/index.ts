import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { requireAccountMember, requireUser } from '../auth/middleware.js';
import { enforceRouteAccess } from '../route-access.js';
import { registerSignIn } from './auth/sign-in.js';
import { registerReadiness } from './health/ready.js';
import { registerMetrics } from './health/metrics.js';
import { registerSignOut } from './auth/sign-out.js';
import { registerShowProfile } from './profile/show.js';
import { registerAccessTokens } from './profile/access-tokens.js';
import { registerPublicApi } from './public/index.js';
import { registerDownloadAttachment } from './attachments/download.js';
import { registerAssignConversation } from './conversations/assign.js';
import { registerCreateConversation } from './conversations/create.js';
import { registerConversationLabels } from './conversations/labels.js';
import { registerListConversations } from './conversations/list.js';
import { registerFilterConversations } from './conversations/filter.js';
import { registerShowConversation } from './conversations/show.js';
import { registerToggleStatus } from './conversations/toggle-status.js';
import { registerMuteConversation } from './conversations/mute.js';
import { registerTogglePriority } from './conversations/toggle-priority.js';
import { registerToggleTypingStatus } from './conversations/toggle-typing.js';
import { registerUpdateConversation } from './conversations/update.js';
import { registerUpdateLastSeen } from './conversations/update-last-seen.js';
import { registerEventStream } from './events/stream.js';
import { registerCreateMessage } from './messages/create.js';
import { registerMessageDelivery } from './messages/delivery.js';
import { registerDeleteMessage } from './messages/delete.js';
import { registerTranscript } from './conversations/transcript.js';
import { registerScheduledMessages } from './scheduled-messages/routes.js';
import { registerListMessages } from './messages/list.js';
import { registerCreateContact } from './contacts/create.js';
import { registerDeleteContact } from './contacts/delete.js';
import { registerFilterContacts } from './contacts/filter.js';
import { registerContactLabels } from './contacts/labels.js';
import { registerContactNotes } from './contacts/notes.js';
import { registerContactMerge } from './actions/contact-merge.js';
import { registerCustomFilters } from './custom-filters/custom-filters.js';
import { registerListContactConversations } from './contacts/conversations.js';
import { registerContactInboxes } from './contacts/contact-inboxes.js';
import { registerListContacts } from './contacts/list.js';
import { registerSearchContacts } from './contacts/search.js';
import { registerShowContact } from './contacts/show.js';
import { registerUpdateContact } from './contacts/update.js';
import { registerCreateInbox } from './inboxes/create.js';
import { registerDeleteInbox } from './inboxes/delete.js';
import { registerListInboxes } from './inboxes/list.js';
import { registerShowInbox } from './inboxes/show.js';
import { registerUpdateInbox } from './inboxes/update.js';
import { registerInboxSignatures } from './inboxes/signatures.js';
import { registerTestInboxConnection } from './inboxes/test-connection.js';
import { registerAddInboxMembers } from './inbox-members/create.js';
import { registerRemoveInboxMembers } from './inbox-members/delete.js';
import { registerListInboxMembers } from './inbox-members/list.js';
import { registerReplaceInboxMembers } from './inbox-members/update.js';
import { registerCreateAgent } from './agents/create.js';
import { registerDeleteAgent } from './agents/delete.js';
import { registerListAgents } from './agents/list.js';
import { registerUpdateAgent } from './agents/update.js';
import { registerAgentInvitations } from './agents/invitations.js';
import { registerProfileInvitations } from './profile/invitations.js';
import { registerSetAvailability } from './profile/availability.js';
import { registerUpdateProfile } from './profile/update.js';
import { registerCreateLabel } from './labels/create.js';
import { registerDeleteLabel } from './labels/delete.js';
import { registerListLabels } from './labels/list.js';
import { registerUpdateLabel } from './labels/update.js';
import { registerShowLabel } from './labels/show.js';
import { registerListCannedResponses } from './canned-responses/list.js';
import { registerCreateCannedResponse } from './canned-responses/create.js';
import { registerUpdateCannedResponse } from './canned-responses/update.js';
import { registerDeleteCannedResponse } from './canned-responses/delete.js';
import { registerListCustomAttributeDefinitions } from './custom-attribute-definitions/list.js';
import { registerShowCustomAttributeDefinition } from './custom-attribute-definitions/show.js';
import { registerCreateCustomAttributeDefinition } from './custom-attribute-definitions/create.js';
import { registerUpdateCustomAttributeDefinition } from './custom-attribute-definitions/update.js';
import { registerDeleteCustomAttributeDefinition } from './custom-attribute-definitions/delete.js';
import { registerConversationCustomAttributes } from './conversations/custom-attributes.js';
import { registerCreateTeam } from './teams/create.js';
import { registerDeleteTeam } from './teams/delete.js';
import { registerListTeams } from './teams/list.js';
import { registerTeamMembers } from './teams/members.js';
import { registerShowTeam } from './teams/show.js';
import { registerUpdateTeam } from './teams/update.js';
import { registerShowAccount } from './accounts/show.js';
import { registerUpdateAccount } from './accounts/update.js';
import { registerCreateAutomationRule } from './automation-rules/create.js';
import { registerDeleteAutomationRule } from './automation-rules/delete.js';
import { registerDryRunAutomationRule } from './automation-rules/dry-run.js';
import { registerListAutomationRules } from './automation-rules/list.js';
import { registerShowAutomationRule } from './automation-rules/show.js';
import { registerUpdateAutomationRule } from './automation-rules/update.js';
import { registerApiDocs } from './docs/show.js';
import { registerCsatReport } from './csat/report.js';
import { registerReportConversationCounts } from './reports/conversations.js';
import { registerReportDownload } from './reports/download.js';
import { registerReportEntitySummaries } from './reports/entity-summaries.js';
import { registerReportOverview } from './reports/overview.js';
import { registerReportSummary } from './reports/summary.js';
import { registerReportTimeSeries } from './reports/time-series.js';
import { registerCreateWebhook } from './webhooks/create.js';
import { registerDeleteWebhook } from './webhooks/delete.js';
import { registerWebhookDeliveries } from './webhooks/deliveries.js';
import { registerListWebhooks } from './webhooks/list.js';
import { registerRotateWebhookSecret } from './webhooks/rotate-secret.js';
import { registerUpdateWebhook } from './webhooks/update.js';
import { registerAssignableAgents } from './assignable-agents/list.js';
import { registerCreateGuestAccess } from './guest-accesses/create.js';
import { registerManageGuestAccesses } from './guest-accesses/manage.js';
import { registerPortalApi } from './portal/index.js';
import { registerDirectConversations } from './direct-conversations/conversations.js';
import { registerDirectMessages } from './direct-conversations/messages.js';
import { registerNotifications } from './notifications/notifications.js';
import { registerListCustomRoles } from './custom-roles/list.js';
import { registerShowCustomRole } from './custom-roles/show.js';
import { registerCreateCustomRole } from './custom-roles/create.js';
import { registerUpdateCustomRole } from './custom-roles/update.js';
import { registerDeleteCustomRole } from './custom-roles/delete.js';
import { registerListAuditLogs } from './audit-logs/list.js';
import { registerShowNotificationSettings } from './notification-settings/show.js';
import { registerUpdateNotificationSettings } from './notification-settings/update.js';

/** Every route of the API, in one readable list. */
export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  // Each route's `...requires(…)` declaration runs before it (api/route-access.ts).
  enforceRouteAccess(app);
  app.use('/api/v1/*', requireUser);
  app.use('/api/v1/accounts/:account_id/*', requireAccountMember);
  // Chatwoot's v2 (reports) has the same sign-in and account membership rules.
  app.use('/api/v2/*', requireUser);
  app.use('/api/v2/accounts/:account_id/*', requireAccountMember);

  registerReadiness(app);
  registerMetrics(app);
  registerSignIn(app);
  registerSignOut(app);
  registerShowProfile(app);
  registerAccessTokens(app);
  // Chatwoot's public client API (website widget, headless SDKs): its own CORS and per-address rate limit.
  registerPublicApi(app);
  // The guest portal: guests' own sessions, never valid on /api/v1.
  registerPortalApi(app);

  registerShowAccount(app);
  registerUpdateAccount(app);

  registerListConversations(app);
  registerFilterConversations(app);
  registerCreateConversation(app);
  registerShowConversation(app);
  registerUpdateConversation(app);
  registerToggleStatus(app);
  registerTogglePriority(app);
  registerToggleTypingStatus(app);
  registerMuteConversation(app);
  registerAssignConversation(app);
  registerConversationLabels(app);
  registerConversationCustomAttributes(app);
  registerUpdateLastSeen(app);
  registerListMessages(app);
  registerCreateMessage(app);
  registerMessageDelivery(app);
  registerDeleteMessage(app);
  registerTranscript(app);
  registerScheduledMessages(app);
  registerDownloadAttachment(app);
  registerEventStream(app);
  registerCreateGuestAccess(app);
  registerManageGuestAccesses(app);

  registerDirectConversations(app);
  registerDirectMessages(app);
  registerNotifications(app);
  registerShowNotificationSettings(app);
  registerUpdateNotificationSettings(app);

  registerListContacts(app);
  // Before /contacts/{id}, so "search" is not read as an id.
  registerSearchContacts(app);
  registerFilterContacts(app);
  registerCreateContact(app);
  registerShowContact(app);
  registerUpdateContact(app);
  registerDeleteContact(app);
  registerListContactConversations(app);
  registerContactInboxes(app);
  registerContactLabels(app);
  registerContactNotes(app);
  registerContactMerge(app);
  registerCustomFilters(app);

  registerListInboxes(app);
  registerCreateInbox(app);
  registerShowInbox(app);
  registerUpdateInbox(app);
  registerDeleteInbox(app);
  registerInboxSignatures(app);
  registerTestInboxConnection(app);
  registerListInboxMembers(app);
  registerAddInboxMembers(app);
  registerReplaceInboxMembers(app);
  registerRemoveInboxMembers(app);

  registerUpdateProfile(app);
  registerSetAvailability(app);
  registerListAgents(app);
  registerCreateAgent(app);
  registerUpdateAgent(app);
  registerAssignableAgents(app);
  registerDeleteAgent(app);
  registerAgentInvitations(app);
  registerProfileInvitations(app);

  registerListLabels(app);
  registerCreateLabel(app);
  registerShowLabel(app);
  registerUpdateLabel(app);
  registerDeleteLabel(app);

  registerListCannedResponses(app);
  registerCreateCannedResponse(app);
  registerUpdateCannedResponse(app);
  registerDeleteCannedResponse(app);

  registerListCustomAttributeDefinitions(app);
  registerCreateCustomAttributeDefinition(app);
  registerShowCustomAttributeDefinition(app);
  registerUpdateCustomAttributeDefinition(app);
  registerDeleteCustomAttributeDefinition(app);

  registerListWebhooks(app);
  registerCreateWebhook(app);
  registerUpdateWebhook(app);
  registerDeleteWebhook(app);
  registerRotateWebhookSecret(app);
  registerWebhookDeliveries(app);

  registerCsatReport(app);
  // Static report paths before anything that could read them as a parameter.
  registerReportSummary(app);
  registerReportConversationCounts(app);
  registerReportOverview(app);
  registerReportDownload(app);
  registerReportTimeSeries(app);
  registerReportEntitySummaries(app);
  registerListTeams(app);
  registerCreateTeam(app);
  registerShowTeam(app);
  registerUpdateTeam(app);
  registerDeleteTeam(app);
  registerTeamMembers(app);

  registerListAutomationRules(app);
  registerCreateAutomationRule(app);
  // Before /automation_rules/{id}, so "dry_run" is not read as an id.
  registerDryRunAutomationRule(app);
  registerShowAutomationRule(app);
  registerUpdateAutomationRule(app);
  registerDeleteAutomationRule(app);

  registerListCustomRoles(app);
  registerCreateCustomRole(app);
  registerShowCustomRole(app);
  registerUpdateCustomRole(app);
  registerDeleteCustomRole(app);
  registerListAuditLogs(app);

  registerApiDocs(app);
}
