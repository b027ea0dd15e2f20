import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { requireAccountMember, requireUser } from '../auth/middleware.js';
import { registerSignIn } from './auth/sign-in.js';
import { registerSignOut } from './auth/sign-out.js';
import { registerShowProfile } from './profile/show.js';
import { registerAccessTokens } from './profile/access-tokens.js';
import { registerPublicApi } from './public/index.js';
import { registerDownloadAttachment } from './attachments/download.js';
import { registerAssignConversation } from './conversations/assign.js';
import { registerCreateConversation } from './conversations/create.js';
import { registerConversationLabels } from './conversations/labels.js';
import { registerListConversations } from './conversations/list.js';
import { registerShowConversation } from './conversations/show.js';
import { registerToggleStatus } from './conversations/toggle-status.js';
import { registerUpdateLastSeen } from './conversations/update-last-seen.js';
import { registerEventStream } from './events/stream.js';
import { registerCreateMessage } from './messages/create.js';
import { registerMessageDelivery } from './messages/delivery.js';
import { registerTranscript } from './conversations/transcript.js';
import { registerScheduledMessages } from './scheduled-messages/routes.js';
import { registerListMessages } from './messages/list.js';
import { registerCreateContact } from './contacts/create.js';
import { registerDeleteContact } from './contacts/delete.js';
import { registerListContactConversations } from './contacts/conversations.js';
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
import { registerApiDocs } from './docs/show.js';

/** Every route of the API, in one readable list. */
export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  app.use('/api/v1/*', requireUser);
  app.use('/api/v1/accounts/:account_id/*', requireAccountMember);

  registerSignIn(app);
  registerSignOut(app);
  registerShowProfile(app);
  registerAccessTokens(app);
  // Chatwoot's public client API (website widget, headless SDKs): its own CORS and per-address rate limit.
  registerPublicApi(app);

  registerListConversations(app);
  registerCreateConversation(app);
  registerShowConversation(app);
  registerToggleStatus(app);
  registerAssignConversation(app);
  registerConversationLabels(app);
  registerUpdateLastSeen(app);
  registerListMessages(app);
  registerCreateMessage(app);
  registerMessageDelivery(app);
  registerTranscript(app);
  registerScheduledMessages(app);
  registerDownloadAttachment(app);
  registerEventStream(app);

  registerListContacts(app);
  // Before /contacts/{id}, so "search" is not read as an id.
  registerSearchContacts(app);
  registerCreateContact(app);
  registerShowContact(app);
  registerUpdateContact(app);
  registerDeleteContact(app);
  registerListContactConversations(app);

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
  registerDeleteAgent(app);
  registerAgentInvitations(app);
  registerProfileInvitations(app);

  registerListLabels(app);
  registerCreateLabel(app);
  registerUpdateLabel(app);
  registerDeleteLabel(app);

  registerApiDocs(app);
}
