/**
 * `npm run bench -- --scenario webhooks` — durable webhook delivery against a baseline measured in the
 * same run: plain signed POSTs sent directly from one process to the same local receiver (the same
 * signing and HTTP code, no outbox, no workflow). Then the real path: contacts created through the API
 * (each a contact_created event in the outbox), drained into one webhook-<deliveryId> workflow each,
 * delivered by a worker. Prints deliveries per second for both, the ratio, and the time from the event
 * (the API's answer) to its first attempt at the receiver (p50/p99). Finally the same load with a
 * second endpoint that is down (503 on every attempt): the healthy endpoint's rate beside it.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NativeConnection } from '@temporalio/worker';
import { createWorker } from '../../activities/worker.js';
import { addUserToAccount, createAccount, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { signedHeaders, newWebhookSecret } from '../../core/services/webhooks/secrets.js';
import { postOnce } from '../../core/services/webhooks/send.js';
import type { WebhookSettings } from '../../core/settings.js';

export type WebhookScenarioContext = {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  webhooks: WebhookSettings;
  db: Parameters<typeof createAccount>[0];
  progress: (line: string) => void;
  percentile: (sorted: number[], p: number) => number;
  onCleanup: (name: string, run: () => Promise<void>) => void;
};

export type WebhookScenarioOptions = { events: number; concurrency: number };
export const webhookScenarioDefaults: WebhookScenarioOptions = { events: 1000, concurrency: 16 };

/** A receiver on loopback: answers `status` at once and notes when each webhook-id first arrived. */
async function startReceiver(status = 200) {
  const firstSeen = new Map<string, { at: number; name: string }>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? '');
      if (!firstSeen.has(id)) {
        let name = '';
        try {
          name = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).name ?? '');
        } catch {
          // Not JSON: counted, unnamed.
        }
        firstSeen.set(id, { at: performance.now(), name });
      }
      response.writeHead(status, status === 503 ? { 'retry-after': '60' } : {});
      response.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, firstSeen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function pool(count: number, workers: number, job: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
}

export async function runWebhookScenario(ctx: WebhookScenarioContext, options: WebhookScenarioOptions): Promise<number> {
  const { progress } = ctx;
  const N = options.events;
  const C = options.concurrency;

  // --- Worker ---------------------------------------------------------------------------------------
  progress('webhooks: starting a worker (bundles the workflows)…');
  const connection = await NativeConnection.connect({ address: ctx.temporalAddress });
  const { Client, Connection } = await import('@temporalio/client');
  const clientConnection = await Connection.connect({ address: ctx.temporalAddress });
  const { worker, close } = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: ctx.taskQueue,
    databaseUrl: ctx.databaseUrl,
    webhooks: ctx.webhooks,
    temporal: new Client({ connection: clientConnection }),
  });
  const running = worker.run();
  ctx.onCleanup('webhook worker', async () => {
    worker.shutdown();
    await running.catch(() => {});
    await close();
    await connection.close();
    await clientConnection.close();
  });

  // --- Baseline: plain signed POSTs from this process -----------------------------------------------
  const baselineReceiver = await startReceiver();
  ctx.onCleanup('baseline receiver', baselineReceiver.close);
  const secret = newWebhookSecret();
  progress(`webhooks baseline: ${N} signed POSTs straight to a local receiver, ${C} at a time…`);
  const baselineStart = performance.now();
  await pool(N, C, async (i) => {
    const body = JSON.stringify({ event: 'contact_created', name: `baseline ${i}` });
    const headers = signedHeaders({ messageId: `msg_baseline_${i}`, timestampSeconds: Math.floor(Date.now() / 1000), body, secrets: [secret] });
    const sent = await postOnce({ url: baselineReceiver.url, headers, body, timeoutMs: 10_000, policy: { allowedHosts: ctx.webhooks.allowedHosts } });
    if (sent.statusCode !== 200) throw new Error(`baseline POST answered ${sent.statusCode ?? sent.error}`);
  });
  const baselineMs = performance.now() - baselineStart;
  const baselineRate = N / (baselineMs / 1000);
  progress(`webhooks baseline: ${baselineRate.toFixed(0)} POSTs/s`);

  // --- Durable path ---------------------------------------------------------------------------------
  const account = await createAccount(ctx.db, { name: 'Bench Webhooks' });
  const admin = await addUserToAccount(ctx.db, { accountId: account.id, name: 'Hook Admin', email: 'bench-hooks@parley.local', password: 'bench-password-123', role: 'administrator' });
  const token = await issueAccessToken(ctx.db, admin.id);
  const headers = { 'content-type': 'application/json', api_access_token: token };
  const accountUrl = `${ctx.apiUrl}/api/v1/accounts/${account.id}`;
  const addWebhook = async (url: string) => {
    const response = await fetch(`${accountUrl}/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url, subscriptions: ['contact_created'] }) });
    if (response.status !== 200) throw new Error(`POST /webhooks answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { payload: { webhook: { id: number } } }).payload.webhook.id;
  };

  const deliver = async (phase: string, receiver: Awaited<ReturnType<typeof startReceiver>>) => {
    const eventAt = new Map<string, number>();
    const start = performance.now();
    await pool(N, C, async (i) => {
      const name = `${phase} ${i}`;
      const response = await fetch(`${accountUrl}/contacts`, { method: 'POST', headers, body: JSON.stringify({ name }) });
      if (response.status !== 200) throw new Error(`POST /contacts answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      eventAt.set(name, performance.now());
    });
    const eventsMs = performance.now() - start;
    await waitFor(() => receiver.firstSeen.size >= N, `${N} deliveries (${phase})`, 600_000);
    const wallMs = Math.max(...[...receiver.firstSeen.values()].map((seen) => seen.at)) - start;
    const latencies = [...receiver.firstSeen.values()].map((seen) => seen.at - (eventAt.get(seen.name) ?? seen.at)).sort((a, b) => a - b);
    return { rate: N / (wallMs / 1000), eventsPerSecond: N / (eventsMs / 1000), latencies, unique: receiver.firstSeen.size };
  };

  const healthy = await startReceiver();
  ctx.onCleanup('healthy receiver', healthy.close);
  await addWebhook(healthy.url);
  progress(`webhooks: ${N} contacts through the API, each event delivered by its workflow…`);
  const durable = await deliver('durable', healthy);
  progress(`webhooks: ${durable.rate.toFixed(0)} deliveries/s`);

  // --- A receiver that is down ----------------------------------------------------------------------
  const beside = await startReceiver();
  ctx.onCleanup('receiver beside a down one', beside.close);
  const down = await startReceiver(503);
  ctx.onCleanup('down receiver', down.close);
  // Only these two endpoints take the next events: the first one's subscription ends here.
  await fetch(`${accountUrl}/webhooks`, { headers })
    .then((response) => response.json() as Promise<{ payload: { webhooks: Array<{ id: number }> } }>)
    .then(({ payload }) => Promise.all(payload.webhooks.map((webhook) => fetch(`${accountUrl}/webhooks/${webhook.id}`, { method: 'DELETE', headers }))));
  await addWebhook(beside.url);
  await addWebhook(down.url);
  progress(`webhooks: ${N} more events to a healthy endpoint and one answering 503…`);
  const withDown = await deliver('beside-down', beside);
  progress(`webhooks: healthy endpoint beside a down one: ${withDown.rate.toFixed(0)} deliveries/s`);

  // --- Report ---------------------------------------------------------------------------------------
  const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
  console.log('');
  console.log('Parley webhook delivery: durable (outbox → workflow → signed POST) vs. plain signed POSTs (same run, same receiver code)');
  console.log(`load: ${N} events, ${C} concurrent API clients (baseline: ${C} concurrent POSTs from one process)`);
  console.log('');
  console.log(`baseline: plain signed POSTs              ${baselineRate.toFixed(0).padStart(6)} /s`);
  console.log(`durable: API event → workflow → receiver  ${durable.rate.toFixed(0).padStart(6)} /s   (events made at ${durable.eventsPerSecond.toFixed(0)}/s)`);
  console.log(`durable beside an endpoint that is down   ${withDown.rate.toFixed(0).padStart(6)} /s`);
  console.log('');
  console.log(`durable throughput: ${(durable.rate / baselineRate).toFixed(2)}× baseline; beside a down endpoint: ${(withDown.rate / durable.rate).toFixed(2)}× its rate alone`);
  console.log(
    `event to first attempt: p50 ${ms(ctx.percentile(durable.latencies, 50))}, p99 ${ms(ctx.percentile(durable.latencies, 99))}, max ${ms(durable.latencies[durable.latencies.length - 1])}` +
      `  (beside a down endpoint: p50 ${ms(ctx.percentile(withDown.latencies, 50))}, p99 ${ms(ctx.percentile(withDown.latencies, 99))})`,
  );
  const ok = durable.unique === N && withDown.unique === N;
  console.log(ok ? `correctness: every event arrived (${N} + ${N} distinct webhook-ids)` : `correctness: MISMATCH (${durable.unique} and ${withDown.unique} of ${N})`);
  console.log('');
  return ok ? 0 : 1;
}
