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
  confirmed: boolean;
  thumbnail: string;
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
    team: unknown;
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
  /** The identity-validation secret: administrators only, null for agents and other channels. */
  hmac_token?: string | null;
  hmac_mandatory?: boolean;
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
