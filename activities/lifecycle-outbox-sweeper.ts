import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { sweepAutomationEvents } from '../core/services/automation/dispatch.js';
import { sweepLifecycleOutbox } from '../core/services/conversations/lifecycle-outbox.js';
import { sweepRouterNotices } from '../core/services/routing/router-notices.js';

/**
 * Runs in the worker process: every few seconds delivers lifecycle notices, automation events and
 * inbox-router notices that the API (or an activity) stored but could not hand to Temporal (it
 * crashed, or Temporal was unreachable).
 * Returns a function that stops it.
 */
export function startLifecycleOutboxSweeper(deps: { db: Database; temporal: Client; taskQueue: string }, intervalMs = 10_000): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const delivered = await sweepLifecycleOutbox(deps);
        if (delivered > 0) console.log(`[worker] delivered ${delivered} deferred lifecycle notice(s)`);
        const dispatched = await sweepAutomationEvents(deps);
        if (dispatched > 0) console.log(`[worker] dispatched ${dispatched} deferred automation event(s)`);
        const routed = await sweepRouterNotices(deps);
        if (routed > 0) console.log(`[worker] delivered ${routed} deferred inbox-router notice(s)`);
      } catch (error) {
        console.warn(`[worker] lifecycle outbox sweep failed, retrying: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await loop;
  };
}
