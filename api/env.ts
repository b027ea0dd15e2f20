import type { AccountActor, AppDependencies, Authentication } from '../core/context.js';

/** Hono's per-request variables: what middleware has established for the handlers. */
export type AppEnv = {
  Variables: {
    deps: AppDependencies;
    requestId: string;
    auth: Authentication;
    actor: AccountActor;
  };
};
