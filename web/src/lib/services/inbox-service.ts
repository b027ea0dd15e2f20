import type { Agent, AssignmentPolicy, Inbox, InboxSignature, MailConnectionTest, WorkingHoursDay } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export async function listInboxes(accountId: number, request: RequestFunction = fetch): Promise<Inbox[]> {
  return unwrapList<Inbox>(await apiRequest(request, accountPath(accountId, '/inboxes')));
}

export async function getInbox(accountId: number, inboxId: number, request: RequestFunction = fetch): Promise<Inbox> {
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}`)));
}

export interface WebsiteInboxInput {
  name: string;
  website_url: string;
  widget_color: string;
  welcome_title: string;
  welcome_tagline: string;
}

type ChannelSettings = Omit<WebsiteInboxInput, 'name'>;

/** Empty form fields mean "not set": the API validates URLs and colours, and `null` clears a setting. */
function channelSettings(input: Partial<ChannelSettings>, emptyAs: null | undefined): Record<string, string | null | undefined> {
  const settings: Record<string, string | null | undefined> = {};
  for (const key of ['website_url', 'widget_color', 'welcome_title', 'welcome_tagline'] as const) {
    if (input[key] === undefined) continue;
    const value = input[key].trim();
    settings[key] = value === '' ? emptyAs : value;
  }
  return settings;
}

export async function createWebsiteInbox(accountId: number, input: WebsiteInboxInput, request: RequestFunction = fetch): Promise<Inbox> {
  const body = { name: input.name.trim(), channel: { type: 'web_widget', ...channelSettings(input, undefined) } };
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, '/inboxes'), { method: 'POST', body }));
}

/** The router's settings as the inbox form edits them; per-agent limits only for the inbox's members. */
export interface InboxRoutingInput {
  max_assignment_limit: number | null;
  policy: Partial<AssignmentPolicy>;
  agent_limits?: { user_id: number; max_assignment_limit: number | null }[];
}

export type InboxUpdate = Partial<WebsiteInboxInput & { enable_auto_assignment: boolean; csat_survey_enabled: boolean; routing: InboxRoutingInput; webhook_url: string }>;

export async function updateInbox(accountId: number, inboxId: number, input: InboxUpdate, request: RequestFunction = fetch): Promise<Inbox> {
  const { name, enable_auto_assignment, csat_survey_enabled, routing, webhook_url, ...channel } = input;
  const body: Record<string, unknown> = {};
  if (name !== undefined) body.name = name.trim();
  if (enable_auto_assignment !== undefined) body.enable_auto_assignment = enable_auto_assignment;
  if (csat_survey_enabled !== undefined) body.csat_survey_enabled = csat_survey_enabled;
  if (routing) {
    body.auto_assignment_config = { max_assignment_limit: routing.max_assignment_limit };
    body.assignment_policy = { ...routing.policy, ...(routing.agent_limits?.length ? { agent_limits: routing.agent_limits } : {}) };
  }
  const settings: Record<string, string | null | undefined> = channelSettings(channel, null);
  // An API inbox's callback URL; empty: no callbacks.
  if (webhook_url !== undefined) settings.webhook_url = webhook_url.trim() || null;
  if (Object.keys(settings).length > 0) body.channel = settings;
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}`), { method: 'PATCH', body }));
}

/** Switches identity validation on or off, or replaces the inbox's secret (administrators only). */
export async function updateIdentityValidation(
  accountId: number,
  inboxId: number,
  change: { hmac_mandatory?: boolean; regenerate_hmac_token?: true },
  request: RequestFunction = fetch,
): Promise<Inbox> {
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}`), { method: 'PATCH', body: { channel: change } }));
}

export async function listInboxMembers(accountId: number, inboxId: number, request: RequestFunction = fetch): Promise<Agent[]> {
  return unwrapList<Agent>(await apiRequest(request, accountPath(accountId, `/inbox_members/${inboxId}`)));
}

/** Replaces the inbox's member list. */
export async function setInboxMembers(accountId: number, inboxId: number, userIds: number[], request: RequestFunction = fetch): Promise<Agent[]> {
  return unwrapList<Agent>(
    await apiRequest(request, accountPath(accountId, '/inbox_members'), { method: 'PATCH', body: { inbox_id: inboxId, user_ids: userIds } }),
  );
}

/** The inbox's business hours (Chatwoot's working_hours), which routing rules' business-hours condition reads. */
export async function updateBusinessHours(
  accountId: number,
  inboxId: number,
  input: { working_hours_enabled: boolean; timezone: string; working_hours: WorkingHoursDay[] },
  request: RequestFunction = fetch,
): Promise<Inbox> {
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}`), { method: 'PATCH', body: input }));
}

/** Channel fields as the API names them (Chatwoot's `smtp_*` / `imap_*`); a password left out is kept. */
export type EmailChannelUpdate = Partial<{
  send_window_seconds: number | null;
  email: string;
  imap_address: string;
  imap_port: number;
  imap_login: string;
  imap_password: string;
  imap_enable_ssl: boolean;
  smtp_address: string;
  smtp_port: number;
  smtp_login: string;
  smtp_password: string;
  smtp_enable_ssl_tls: boolean;
}>;

export async function updateInboxChannel(accountId: number, inboxId: number, channel: EmailChannelUpdate, request: RequestFunction = fetch): Promise<Inbox> {
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}`), { method: 'PATCH', body: { channel } }));
}

export async function createEmailInbox(accountId: number, input: { name: string; email: string }, request: RequestFunction = fetch): Promise<Inbox> {
  const body = { name: input.name.trim(), channel: { type: 'email', email: input.email.trim() } };
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, '/inboxes'), { method: 'POST', body }));
}

/** An API inbox: your backend posts customers' messages; Parley posts new ones to the callback URL, if any. */
export async function createApiInbox(accountId: number, input: { name: string; webhook_url: string }, request: RequestFunction = fetch): Promise<Inbox> {
  const webhookUrl = input.webhook_url.trim();
  const body = { name: input.name.trim(), channel: { type: 'api', ...(webhookUrl ? { webhook_url: webhookUrl } : {}) } };
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, '/inboxes'), { method: 'POST', body }));
}

/** A guest-portal inbox: conversations agents share with outside guests, who sign in to the portal. */
export async function createPortalInbox(accountId: number, input: { name: string }, request: RequestFunction = fetch): Promise<Inbox> {
  const body = { name: input.name.trim(), channel: { type: 'portal' } };
  return unwrap<Inbox>(await apiRequest(request, accountPath(accountId, '/inboxes'), { method: 'POST', body }));
}

export async function testInboxConnection(accountId: number, inboxId: number, request: RequestFunction = fetch): Promise<MailConnectionTest> {
  return unwrap<MailConnectionTest>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}/test_connection`), { method: 'POST' }));
}

export async function listSignatures(accountId: number, inboxId: number, request: RequestFunction = fetch): Promise<InboxSignature[]> {
  return unwrapList<InboxSignature>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}/signatures`)));
}

export async function saveSignature(accountId: number, inboxId: number, signature: InboxSignature, request: RequestFunction = fetch): Promise<InboxSignature> {
  return unwrap<InboxSignature>(await apiRequest(request, accountPath(accountId, `/inboxes/${inboxId}/signatures`), { method: 'PUT', body: signature }));
}
