import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type ReceivedWebhook = {
  webhookId: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  payload: Record<string, any>;
  /** Whether `standardwebhooks` verified the signature with the receiver's secret. */
  verified: boolean;
  verificationError?: string;
};

/**
 * A real HTTP endpoint on loopback, as an integrator writes one: it verifies every request with
 * the public `standardwebhooks` package and keeps what it got. `respond` decides each answer (by
 * how many times this webhook-id came before); `unique()` de-duplicates by webhook-id.
 */
export async function startWebhookReceiver(options: { respond?: (request: { webhookId: string; seen: number; payload: any }) => { status: number; headers?: Record<string, string>; body?: string } } = {}) {
  const received: ReceivedWebhook[] = [];
  const seenById = new Map<string, number>();
  let secrets: string[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const webhookId = String(request.headers['webhook-id'] ?? '');
    const headers = {
      'webhook-id': webhookId,
      'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
    };
    let verified = false;
    let verificationError: string | undefined;
    for (const secret of secrets) {
      try {
        new Webhook(secret).verify(body, headers);
        verified = true;
        break;
      } catch (error) {
        verificationError = (error as Error).message;
      }
    }
    let payload: Record<string, any> = {};
    try {
      payload = JSON.parse(body);
    } catch {
      // Kept as an empty payload; the test's shape checks then fail visibly.
    }
    const seen = seenById.get(webhookId) ?? 0;
    seenById.set(webhookId, seen + 1);
    received.push({ webhookId, headers: request.headers, body, payload, verified, ...(verified ? {} : { verificationError }) });
    const answer = options.respond?.({ webhookId, seen, payload }) ?? { status: 200 };
    response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
    response.end(answer.body ?? 'ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The secrets a request may be signed with (the webhook's, or both during a rotation). */
    trust(...next: string[]) {
      secrets = next;
    },
    /** One entry per webhook-id: what a receiver that de-duplicates processes. */
    unique() {
      const byId = new Map<string, ReceivedWebhook>();
      for (const request of received) if (!byId.has(request.webhookId)) byId.set(request.webhookId, request);
      return [...byId.values()];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
