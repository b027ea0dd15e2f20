import { sweepWebhooks, type WebhookDrainDeps } from '../core/services/webhooks/drain.js';

/**
 * Runs in the worker process: drains webhook events nobody drained (captured by activities, or
 * left by an API that died or could not reach Temporal) and starts deliveries whose workflow never
 * started. Returns a function that stops it.
 */
export function startWebhookSweeper(deps: WebhookDrainDeps, intervalMs = 1_000): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const swept = await sweepWebhooks(deps, { olderThanMs: 2_000, limit: 500 });
        if (swept.events > 0 || swept.deliveries > 0) console.log(`[worker] webhooks: drained ${swept.events} event(s), started ${swept.deliveries} delivery(ies)`);
      } catch (error) {
        console.warn(`[worker] webhook sweep failed, retrying: ${(error as Error).message}`);
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
