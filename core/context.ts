import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { AccountRole } from '../db/schema/index.js';
import type { EventBus } from './events/bus.js';
import type { PublicUploadQuotas } from './settings.js';
import type { BlobStore } from './storage/index.js';

export type AppConfig = {
  /** The Temporal task queue the worker polls and the API starts workflows on. */
  taskQueue: string;
  /** The URL people open (the console); used in links such as the widget embed snippet. */
  publicUrl: string;
  /** Send cookies with `Secure`; on whenever the console is served over HTTPS. */
  secureCookies: boolean;
  /** Daily limits on files the public (widget) API accepts, per contact and per inbox. */
  publicUploadQuotas: PublicUploadQuotas;
};

export type AppDependencies = {
  db: Database;
  temporal: Client;
  events: EventBus;
  /** Where attachment bodies live (local folder or S3-compatible bucket). */
  storage: BlobStore;
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
