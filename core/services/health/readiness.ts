import type { Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { pingDatabase } from '../../../db/queries/health.js';

export type DependencyCheck = { ok: true } | { ok: false; error: string };
export type Readiness = { ready: boolean; checks: Record<string, DependencyCheck> };

/** A readiness probe answers before the load balancer's own timeout; a dependency slower than this counts as down. */
export const readinessCheckTimeoutMs = 2_000;

async function check(run: () => Promise<unknown>): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${readinessCheckTimeoutMs} ms`)), readinessCheckTimeoutMs);
  });
  try {
    await Promise.race([run(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message || String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this process can do its work: Postgres answers and Temporal's frontend answers. A process
 * that is alive but not ready (its database restarting) is taken out of rotation, not restarted.
 */
export async function checkReadiness(deps: { db: Database; temporal?: Pick<Client, 'workflowService'> }): Promise<Readiness> {
  const checks: Record<string, DependencyCheck> = {};
  const pending: Array<Promise<void>> = [check(() => pingDatabase(deps.db)).then((result) => void (checks.database = result))];
  const temporal = deps.temporal;
  if (temporal) pending.push(check(() => temporal.workflowService.getSystemInfo({})).then((result) => void (checks.temporal = result)));
  await Promise.all(pending);
  return { ready: Object.values(checks).every((result) => result.ok), checks };
}
