// Shapes of the Hono API's JSON (Chatwoot Application API v1), as the console reads them.

export type Role = 'administrator' | 'agent';
export type Availability = 'online' | 'busy' | 'offline';
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type StatusFilter = ConversationStatus | 'all';
export type AssigneeType = 'me' | 'unassigned' | 'all';

export interface ProfileAccount {
  id: number;
  name: string;
  locale: string;
  role: Role;
  availability_status: Availability;
  auto_offline: boolean;
  custom_role_id?: number | null;
  /** The user's permissions in this account (built-in role or custom role). */
  permissions?: RolePermission[];
}

export interface Profile {
  id: number;
  name: string;
  display_name: string | null;
  email: string;
  ui_locale: string | null;
  account_id: number | null;
  role: Role | null;
  accounts: ProfileAccount[];
}

export interface Agent {
  id: number;
  account_id: number;
  name: string;
  display_name: string | null;
  email: string;
  role: Role;
  availability_status: Availability;
  auto_offline: boolean;
  /** What the inbox router goes by: offline when presence lapsed (auto_offline). */
  effective_availability?: Availability;
  /** Inbox members only: their own limit in that inbox (null: the inbox's). */
  max_assignment_limit?: number | null;
  confirmed: boolean;
  thumbnail: string;
  /** An agent's custom role; null: the built-in role's permissions. */
  custom_role_id?: number | null;
  /** Only in the answer to creating an agent without a password: hand it over once. */
  password?: string;
  /** Someone with a login elsewhere, invited and not yet answered (`confirmed: false`). */
  invitation?: { id: number; status: 'pending'; created_at: number; expires_at: number; email_sent?: boolean };
}

/** An invitation addressed to the signed-in user. */
export interface ReceivedInvitation {
  id: number;
  account: { id: number; name: string };
  role: Role;
  invited_by: string | null;
  created_at: number;
  expires_at: number;
}

export interface Contact {
  id: number;
  name: string | null;
  email: string | null;
  phone_number: string | null;
  thumbnail?: string | null;
  identifier?: string | null;
  additional_attributes?: Record<string, unknown> | null;
  custom_attributes?: Record<string, unknown> | null;
  created_at?: number;
  last_activity_at?: number | null;
}

export type ChannelName = 'Channel::WebWidget' | 'Channel::Email' | 'Channel::Api' | string;

export interface Attachment {
  id: number;
  file_type: string;
  data_url: string;
  thumb_url?: string;
  file_size: number;
  file_name?: string;
}

/** 0 incoming, 1 outgoing, 2 activity, 3 template. */
export type MessageType = 0 | 1 | 2 | 3;

export type MessageStatus = 'scheduled' | 'queued' | 'interrupted' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Message {
  id: number;
  content: string | null;
  message_type: MessageType;
  content_type?: string;
  content_attributes?: Record<string, unknown> | null;
  private: boolean;
  status: MessageStatus;
  /** Unix seconds: when a `scheduled` message leaves its send-interruption window. */
  send_after?: number | null;
  created_at: number;
  conversation_id: number;
  echo_id?: string | null;
  external_error?: string | null;
  sender: { id: number; name: string; type: 'user' | 'contact' | string; thumbnail?: string } | null;
  attachments?: Attachment[];
}

export interface Conversation {
  id: number;
  account_id: number;
  inbox_id: number;
  status: ConversationStatus;
  priority: string | null;
  muted: boolean;
  snoozed_until: number | null;
  unread_count: number;
  labels: string[];
  timestamp: number;
  created_at: number;
  custom_attributes?: Record<string, unknown>;
  additional_attributes?: Record<string, unknown>;
  meta: {
    sender: Contact;
    assignee: Agent | null;
    team: { id: number; name: string } | null;
    channel: ChannelName;
  };
  messages: Message[];
  last_non_activity_message?: Message | null;
}

export interface ConversationCounts {
  mine_count: number;
  unassigned_count: number;
  all_count: number;
}

export interface Inbox {
  id: number;
  name: string;
  channel_type: 'web_widget' | 'email' | 'api' | 'portal' | string;
  inbox_identifier?: string;
  enable_auto_assignment: boolean;
  website_url?: string | null;
  widget_color?: string | null;
  welcome_title?: string | null;
  welcome_tagline?: string | null;
  web_widget_script?: string | null;
  /** API inboxes: where Parley posts new messages. */
  webhook_url?: string | null;
  /** API inboxes, administrators only: the secret that signs callbacks to webhook_url. */
  secret?: string | null;
  /** The identity-validation secret: administrators only, null for agents and other channels. */
  hmac_token?: string | null;
  hmac_mandatory?: boolean;
  csat_survey_enabled?: boolean;
  working_hours_enabled?: boolean;
  timezone?: string;
  working_hours?: WorkingHoursDay[];
  auto_assignment_config?: { max_assignment_limit: number | null };
  assignment_policy?: AssignmentPolicy;
  email?: string | null;
  /** Seconds an agent's message waits, interruptible, before it is sent. */
  send_window_seconds?: number;
  imap_address?: string | null;
  imap_port?: number | null;
  imap_login?: string | null;
  imap_enable_ssl?: boolean | null;
  smtp_address?: string | null;
  smtp_port?: number | null;
  smtp_login?: string | null;
  smtp_enable_ssl_tls?: boolean | null;
  imap_connection?: { state: 'connecting' | 'connected' | 'failing'; failing_since: number | null; last_error: string | null; last_checked_at: number | null } | null;
}

/** Chatwoot's business hours of an inbox, one entry per weekday (0 = Sunday). */
export interface WorkingHoursDay {
  day_of_week: number;
  closed_all_day: boolean;
  open_all_day?: boolean;
  open_hour: number | null;
  open_minutes: number | null;
  close_hour: number | null;
  close_minutes: number | null;
}

export type AssignmentStrategy = 'round_robin' | 'balanced';
export type AssignmentQueueOrder = 'oldest_created' | 'longest_waiting';

export interface AssignmentPolicy {
  strategy: AssignmentStrategy;
  queue_order: AssignmentQueueOrder;
  fair_distribution_limit: number | null;
  fair_distribution_window_seconds: number;
}

/** An agent who may be assigned a conversation of an inbox, with their load against the limit the router applies. */
export interface AssignableAgent extends Agent {
  open_conversations_count: number;
  max_assignment_limit: number | null;
  at_capacity: boolean;
}

export interface AssignmentLoad {
  availability_status: Availability;
  open_conversations_count: number;
  account_limit: number | null;
  inboxes: { inbox_id: number; name: string; enable_auto_assignment: boolean; open_conversations_count: number; max_assignment_limit: number | null }[];
}

export interface InboxSignature {
  user_id: number | null;
  body: string;
  enabled: boolean;
}

export interface MailConnectionTest {
  imap: { ok: boolean; error: string | null } | null;
  smtp: { ok: boolean; error: string | null } | null;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; requestId?: string };
}

/** A message as the conversation view shows it: `pending` while an optimistic copy waits for the API. */
export type DisplayMessage = Message & { pending?: boolean };

export interface Team {
  id: number;
  name: string;
  description: string | null;
  allow_auto_assign: boolean;
  account_id: number;
  is_member: boolean;
}

export type AutomationEventName = 'conversation_created' | 'conversation_updated' | 'message_created';

export interface AutomationCondition {
  attribute_key: string;
  filter_operator: string;
  values: Array<string | number | boolean>;
  query_operator?: 'and' | 'or' | null;
  custom_attribute_type?: 'conversation_attribute' | 'contact_attribute' | null;
}

export interface AutomationAction {
  action_name: string;
  action_params: Array<string | number>;
}

export interface AutomationRule {
  id: number;
  name: string;
  description: string | null;
  event_name: AutomationEventName;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
  active: boolean;
  position: number;
}

export interface AutomationDryRun {
  matched: boolean;
  conversation_id: number;
  message: { content: string | null } | null;
  conditions: Array<AutomationCondition & { matched: boolean }>;
  actions: Array<AutomationAction & { description: string }>;
}

export interface AccountSettings {
  id: number;
  name: string;
  locale: string;
  auto_resolve_duration: number | null;
}

/** Chatwoot's custom-role permissions plus Parley's label_manage (core/domain/permissions.ts). */
export const rolePermissions = [
  'conversation_manage',
  'conversation_unassigned_manage',
  'conversation_participating_manage',
  'contact_manage',
  'report_manage',
  'knowledge_base_manage',
  'campaign_manage',
  'label_manage',
] as const;
export type RolePermission = (typeof rolePermissions)[number];

export interface CustomRole {
  id: number;
  name: string;
  description: string | null;
  permissions: RolePermission[];
}

export interface AuditLogEntry {
  id: number;
  auditable_id: number | null;
  auditable_type: string;
  action: string;
  user_id: number | null;
  username: string | null;
  audited_changes: Record<string, unknown>;
  remote_address: string | null;
  created_at: number;
}

export interface AuditLogPage {
  per_page: number;
  total_entries: number;
  current_page: number;
  audit_logs: AuditLogEntry[];
}

export interface CannedResponse {
  id: number;
  account_id: number;
  short_code: string;
  content: string;
}

export type CustomAttributeModel = 'conversation_attribute' | 'contact_attribute';
export type CustomAttributeDisplayType = 'text' | 'number' | 'currency' | 'percent' | 'link' | 'date' | 'list' | 'checkbox';

export interface CustomAttributeDefinition {
  id: number;
  attribute_display_name: string;
  attribute_display_type: CustomAttributeDisplayType;
  attribute_description: string | null;
  attribute_key: string;
  attribute_values: string[];
  attribute_model: CustomAttributeModel;
  regex_pattern: string | null;
  regex_cue: string | null;
}

export interface Label {
  id: number;
  title: string;
  description: string | null;
  color: string;
  show_on_sidebar: boolean;
}
