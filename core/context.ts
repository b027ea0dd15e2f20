import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { AccountRole, RolePermission } from '../db/schema/index.js';
import type { RateLimits } from './auth/rate-limit.js';
import type { EventBus } from './events/bus.js';
import type { Mailer } from './services/mail/mailer.js';
import type { LiveStreamLimits } from './events/live-stream.js';
import type { PublicUploadQuotas, WebhookSettings } from './settings.js';
import type { BlobStore } from './storage/index.js';
import type { ChannelSecrets } from './auth/channel-secrets.js';

export type AppConfig = {
  /** The Temporal task queue the worker polls and the API starts workflows on. */
  taskQueue: string;
  /** The URL people open (the console); used in links such as the widget embed snippet. */
  publicUrl: string;
  /** Send cookies with `Secure`; on whenever the console is served over HTTPS. */
  secureCookies: boolean;
  /** Networks whose X-Forwarded-For is believed (TRUSTED_PROXIES); unset: loopback only. */
  trustedProxies?: string[];
  /** Rate limits; unset: `defaultRateLimits` (API_REQUESTS_PER_MINUTE tunes the per-token one). */
  rateLimits?: RateLimits;
  /** Event-stream tick, queue and per-principal caps; unset: `defaultLiveStreamLimits`. */
  liveStreams?: Partial<LiveStreamLimits>;
  /** SESSION_IDLE_TIMEOUT: a session unused this long ends (default: a week, see core/services/auth/sessions.ts). */
  sessionIdleTimeoutMs?: number;
  /** PRESENCE_OFFLINE_AFTER: an agent with auto_offline and no open console this long counts as offline (default 3 minutes). */
  presenceOfflineAfterMs?: number;
  /** NOTIFICATION_DIGEST_DELAY: unread this long, a notification goes into the user's e-mail digest (default 15 minutes). */
  notificationDigestDelayMs?: number;
  /** Daily limits on files the public (widget) API accepts, per contact and per inbox. */
  publicUploadQuotas: PublicUploadQuotas;
  /** Webhook signing, SSRF allow-list and retry schedule; unset: `readWebhookSettings({})` (production defaults). */
  webhooks?: WebhookSettings;
  /** MAIL_ALLOW_PRIVATE_HOSTS: inboxes may use IMAP/SMTP servers on loopback or private networks. */
  allowPrivateMailHosts?: boolean;
  /** METRICS_TOKEN: the bearer token `GET /metrics` asks for; unset, no metrics are served. */
  metricsToken?: string;
};

export type AppDependencies = {
  db: Database;
  temporal: Client;
  events: EventBus;
  /** Where attachment bodies live (local folder or S3-compatible bucket). */
  storage: BlobStore;
  config: AppConfig;
  /** System mail (invitations). Absent where nothing should be sent; senders then report that. */
  mailer?: Mailer;
  /** Encrypts channel credentials at rest (CHANNEL_SECRETS_KEY); absent: none can be stored. */
  channelSecrets?: ChannelSecrets;
};

export type AuthenticatedUser = {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  uiLocale: string | null;
};

export type Authentication = {
  user: AuthenticatedUser;
  method: 'session' | 'api_access_token';
  sessionId?: number;
  tokenId?: number;
};

/** Who is acting inside one account: what services use to authorise. */
export type AccountActor = {
  userId: number;
  accountId: number;
  role: AccountRole;
  /** An agent's custom role, which replaces the built-in agent's permissions; absent: the built-in role. */
  customRole?: { id: number; permissions: readonly RolePermission[] } | null;
};

export type ServiceContext = AppDependencies & { actor: AccountActor };
