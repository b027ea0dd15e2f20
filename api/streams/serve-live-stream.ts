import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { tooManyRequests } from '../../core/auth/rate-limit.js';
import { defaultLiveStreamLimits, StreamSlots, type LiveStreamHandle, type LiveStreamLimits, type LiveStreamSink, type StreamEndReason } from '../../core/events/live-stream.js';
import type { AppEnv } from '../env.js';

/** One slot table per API process (per event bus): streams are held by the process that accepted them. */
const slotsByBus = new WeakMap<object, StreamSlots>();

export const liveStreamLimits = (c: Context<AppEnv>): LiveStreamLimits => ({ ...defaultLiveStreamLimits, ...c.var.deps.config.liveStreams });

/**
 * Serves a Server-Sent Events stream: takes one of the principal's stream slots (429 when they hold
 * too many), writes `ready` once the service has subscribed, then on every tick a heartbeat comment
 * (keeping proxies from closing an idle connection) and an access re-check. When the service ends the
 * stream it writes `event: revoked` with the reason and closes; the client should not reconnect.
 */
export async function serveLiveStream(
  c: Context<AppEnv>,
  input: { principal: string; maxStreams: number; open: (sink: LiveStreamSink) => Promise<LiveStreamHandle> | LiveStreamHandle },
): Promise<Response> {
  const limits = liveStreamLimits(c);
  let slots = slotsByBus.get(c.var.deps.events);
  if (!slots) slotsByBus.set(c.var.deps.events, (slots = new StreamSlots()));
  const release = slots.acquire(input.principal, input.maxStreams);
  if (!release) throw tooManyRequests(`At most ${input.maxStreams} event streams may be open at once; close another tab or window`, Math.ceil(limits.tickMs / 1000));
  c.header('X-Accel-Buffering', 'no');
  const metrics = c.var.metrics;

  return streamSSE(
    c,
    async (stream) => {
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      stream.onAbort(finish);
      c.req.raw.signal.addEventListener('abort', () => finish(), { once: true });
      const live = () => !stream.aborted && !stream.closed;
      let ending = false;
      const sink: LiveStreamSink = {
        async send(event, data) {
          if (!live() || ending) return;
          await stream.writeSSE({ event, data: JSON.stringify(data) });
          metrics.liveEventsSent.inc({ event });
        },
        end(reason: StreamEndReason) {
          if (ending) return;
          ending = true;
          void (async () => {
            if (live()) await stream.writeSSE({ event: 'revoked', data: JSON.stringify({ reason }) }).catch(() => {});
            finish();
          })();
        },
      };
      let handle: LiveStreamHandle | undefined;
      const tick = setInterval(() => {
        if (!live() || ending) return;
        void stream.write(': heartbeat\n\n').catch(() => {});
        void handle?.recheck().catch((error) => console.warn('[live stream] could not re-check access', (error as Error).message));
      }, limits.tickMs);
      metrics.liveStreamsOpen.inc();
      try {
        handle = await input.open(sink);
        // Tells EventSource how soon to reconnect, and gives proxies a first byte to pass on.
        if (live() && !ending) await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
        await finished;
      } finally {
        clearInterval(tick);
        handle?.close();
        release();
        metrics.liveStreamsOpen.dec();
      }
    },
  ) as never;
}
