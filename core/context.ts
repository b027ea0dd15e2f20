import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { AccountRole } from '../db/schema/index.js';
import type { EventBus } from './events/bus.js';

export type AppConfig = {
  /** The Temporal task queue the worker polls and the API starts workflows on. */
  taskQueue: string;
  /** The URL people open (the console); used in links such as the widget embed snippet. */
  publicUrl: string;
  /** Send cookies with `Secure`; on whenever the console is served over HTTPS. */
  secureCookies: boolean;
  /** SESSION_IDLE_TIMEOUT: a session unused this long ends (default: a week, see core/services/auth/sessions.ts). */
  sessionIdleTimeoutMs?: number;
};

export type AppDependencies = {
  db: Database;
  temporal: Client;
  events: EventBus;
  config: AppConfig;
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
};

/** Who is acting inside one account: what services use to authorise. */
export type AccountActor = {
  userId: number;
  accountId: number;
  role: AccountRole;
};

export type ServiceContext = AppDependencies & { actor: AccountActor };
