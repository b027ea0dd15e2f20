import { createServer, type Server } from 'node:http';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../db/client.js';
import { checkReadiness } from '../core/services/health/readiness.js';

/**
 * The worker's probes for an orchestrator: `/health` answers while the process runs; `/ready` while
 * its Temporal worker polls (state RUNNING) and Postgres answers, so a worker cut off from its
 * database is taken out of rotation and shows up in monitoring rather than failing every activity.
 */
export async function startWorkerHealthServer(options: { worker: Pick<Worker, 'getState'>; db: Database; host: string; port: number }): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(status === 503 ? { 'retry-after': '5' } : {}) });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { error: 'only GET' });
    if (path === '/health') return reply(200, { status: 'ok' });
    if (path !== '/ready') return reply(404, { error: 'not found: /health and /ready only' });
    const state = options.worker.getState();
    void checkReadiness({ db: options.db }).then(
      (readiness) => {
        const checks = { ...readiness.checks, worker: state === 'RUNNING' ? { ok: true } : { ok: false, error: `worker is ${state}` } };
        const ready = readiness.ready && state === 'RUNNING';
        reply(ready ? 200 : 503, { ready, checks });
      },
      (error: Error) => reply(503, { ready: false, checks: { database: { ok: false, error: error.message } } }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://${options.host}:${options.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
