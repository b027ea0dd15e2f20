import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv } from './env.js';

/**
 * One API process's Prometheus metrics: request latency by route pattern (never the raw path, which
 * carries contact identifiers and inbox tokens), live events written to streams, open streams, and
 * Node's process metrics. Each app gets its own registry, so several apps in one process (tests)
 * never collide.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'Time from a request to its response headers, by route pattern (event streams: until the stream opens)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly liveEventsSent = new Counter({
    name: 'parley_live_events_sent_total',
    help: 'Events written to open event streams (consoles, widgets, portals), after access checks',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  readonly liveStreamsOpen = new Gauge({
    name: 'parley_live_streams_open',
    help: 'Event streams this process holds open',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Times every request; the route label is the matched pattern, `(unmatched)` for a 404 no route took. */
  timeRequests(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      const stopTimer = this.requestDuration.startTimer();
      try {
        await next();
      } finally {
        // Middleware is registered for every method (ALL); the route that answered has the request's.
        const route = matchedRoutes(c).findLast((matched) => matched.method !== 'ALL')?.path ?? '(unmatched)';
        stopTimer({ method: c.req.method, route, status: String(c.res.status) });
      }
    };
  }
}
