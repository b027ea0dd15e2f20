import type { AccountActor, AppDependencies, Authentication } from '../core/context.js';
import type { SignedInGuest } from '../core/services/guests/portal.js';
import type { ApiMetrics } from './metrics.js';

/** Hono's per-request variables: what middleware has established for the handlers. */
export type AppEnv = {
  Variables: {
    deps: AppDependencies;
    requestId: string;
    /** This app's Prometheus metrics (api/metrics.ts). */
    metrics: ApiMetrics;
    auth: Authentication;
    actor: AccountActor;
    /** Set on guest portal routes only: guests are never users, and users never guests. */
    guest: SignedInGuest;
  };
};
