/**
 * Crash chaos: two API processes sharing one port and two workers on one task queue take a mixed
 * load (visitor messages, agent replies, status changes, webhook deliveries to a receiver on
 * loopback) while one of them is SIGKILLed every few seconds and started again. Then, once all four
 * run again and the work has drained, it checks what a user or an integrator would notice:
 *
 * - every message whose POST was answered 2xx is stored exactly once, and no message twice;
 * - every webhook delivery arrived, none more often than its attempts allow, none unknown, and no
 *   message was announced twice under two delivery ids;
 * - no workflow waits on a timer that should have fired;
 * - every conversation's stored status is the one its lifecycle workflow holds.
 *
 * Used by `npm run chaos` (scripts/chaos.ts) and, shorter, by tests/chaos/chaos.test.ts.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import { Client, Connection } from '@temporalio/client';
import { addUserToAccount, createAccount, createInboxRecord, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { connectDatabase } from '../../db/client.js';
import { conversations, messages, webhookDeliveries, webhookOutbox } from '../../db/schema/index.js';
import { conversationWorkflowId, lifecycleSnapshotQuery } from '../../workflows/conversation/definitions.js';
import { freePort } from './temporal-cli.js';
import { killParleyProcess, spawnParleyProcess, type ParleyProcess, type ParleyRole } from './parley-process.js';

export type ChaosOptions = {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace?: string;
  taskQueue: string;
  storageDir: string;
  durationMs: number;
  killEveryMs: number;
  visitors: number;
  log?: (line: string) => void;
};

export type ChaosCheck = { name: string; checked: number; violations: string[] };
export type ChaosReport = {
  actions: Record<string, Record<string, number>>;
  /** The distinct reasons requests failed, with how often: what a client saw during the kills. */
  errors: Record<string, number>;
  kills: Record<ParleyRole, number>;
  checks: ChaosCheck[];
  ok: boolean;
};

/** Retries each webhook attempt quickly, so the run drains in seconds rather than hours. */
const webhookRetryDelays = '0,200ms,500ms,1s,2s,3s,5s,5s';
const webhookAttempts = webhookRetryDelays.split(',').length;
const requestTimeoutMs = 20_000;
/** A timer this long past its fire time, with a worker running, is stuck rather than late. */
const stuckTimerGraceMs = 15_000;

type Outcome = { kind: string; status: number | 'timeout' | 'network'; content?: string; error?: string };

async function startReceiver() {
  const receivedById = new Map<string, number>();
  const payloadById = new Map<string, { event?: string; id?: number }>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? '');
      receivedById.set(id, (receivedById.get(id) ?? 0) + 1);
      try {
        payloadById.set(id, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        payloadById.set(id, {});
      }
      response.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, receivedById, payloadById, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const database = connectDatabase(options.databaseUrl, { max: 4 });
  const receiver = await startReceiver();
  const apiPort = await freePort();
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const slots: Array<{ role: ParleyRole; name: string; env: NodeJS.ProcessEnv; running?: ParleyProcess; starting?: Promise<void> }> = [];
  const temporalConnection = await Connection.connect({ address: options.temporalAddress });
  const temporal = new Client({ connection: temporalConnection, namespace: options.temporalNamespace ?? 'default' });
  try {
    // --- The account and its endpoint ------------------------------------------------------------
    const suffix = Math.random().toString(36).slice(2, 8);
    const account = await createAccount(database.db, { name: `Chaos ${suffix}` });
    const admin = await addUserToAccount(database.db, { accountId: account.id, name: 'Chaos Admin', email: `chaos-admin-${suffix}@parley.local`, password: 'chaos-password-123', role: 'administrator' });
    const agent = await addUserToAccount(database.db, { accountId: account.id, name: 'Chaos Agent', email: `chaos-agent-${suffix}@parley.local`, password: 'chaos-password-123', role: 'agent', availability: 'online' });
    const inbox = await createInboxRecord(database.db, { accountId: account.id, name: 'Chaos website', channelType: 'web_widget', settings: { websiteUrl: 'https://chaos.example' }, memberIds: [agent.id] });
    const adminToken = await issueAccessToken(database.db, admin.id);
    const agentToken = await issueAccessToken(database.db, agent.id);
    const accountPath = `/api/v1/accounts/${account.id}`;

    // --- Two API processes on one port, two workers ----------------------------------------------
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: options.temporalNamespace ?? 'default',
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      STORAGE_LOCAL_DIR: options.storageDir,
      CHANNEL_SECRETS_KEY: 'chaos-run-channel-secrets-key-0000000000',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      PARLEY_API_PROCESSES: '2',
      // The run is one token and one address sending far more than a person would.
      API_REQUESTS_PER_MINUTE: '1000000',
      PUBLIC_REQUESTS_PER_MINUTE: '1000000',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_DELAYS: webhookRetryDelays,
      WEBHOOK_TIMEOUT: '5s',
    };
    for (const role of ['api', 'api', 'worker', 'worker'] as const) slots.push({ role, name: `${role}-${slots.filter((slot) => slot.role === role).length + 1}`, env });
    const startSlot = (slot: (typeof slots)[number]): Promise<void> =>
      slot.running ? Promise.resolve() : (slot.starting ??= spawnParleyProcess(slot.role, slot.env).then(
        (running): void => {
          slot.running = running;
          slot.starting = undefined;
        },
        (error: Error): Promise<void> => {
          slot.starting = undefined;
          log(`${slot.name} failed to start, retrying: ${error.message.split('\n')[0]}`);
          return new Promise<void>((resolve) => setTimeout(resolve, 1000)).then(() => startSlot(slot));
        },
      ));
    log('starting two API processes and two workers…');
    await Promise.all(slots.map(startSlot));

    const request = async (path: string, init: { method: string; token?: string; body?: unknown }): Promise<{ status: Outcome['status']; body?: any; error?: string }> => {
      try {
        const response = await fetch(baseUrl + path, {
          method: init.method,
          headers: { 'content-type': 'application/json', ...(init.token ? { api_access_token: init.token } : {}) },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        const text = await response.text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        return { status: response.status, body };
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause;
        return { status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network', error: cause?.message ?? (error as Error).message };
      }
    };
    /** Setup steps are retried until they succeed: they are not what the run measures. */
    const untilDone = async (what: string, attempt: () => Promise<{ status: Outcome['status']; body?: any }>) => {
      for (let tries = 0; tries < 60; tries++) {
        const result = await attempt();
        if (result.status === 200) return result.body;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`${what} never succeeded`);
    };
    await untilDone('creating the webhook', () =>
      request(`${accountPath}/webhooks`, { method: 'POST', token: adminToken, body: { url: receiver.url, subscriptions: ['message_created', 'conversation_status_changed'] } }),
    );
    const inboxPath = `/public/api/v1/inboxes/${inbox.identifier}`;
    const visitors: Array<{ contactPath: string; conversationId: number }> = [];
    for (let index = 0; index < options.visitors; index++) {
      const contact = await untilDone('creating a contact', () => request(`${inboxPath}/contacts`, { method: 'POST', body: { name: `Chaos visitor ${index}` } }));
      const contactPath = `${inboxPath}/contacts/${contact.source_id}`;
      const conversation = await untilDone('opening a conversation', () => request(`${contactPath}/conversations`, { method: 'POST', body: {} }));
      visitors.push({ contactPath, conversationId: conversation.id });
    }
    const conversationIds = visitors.map((visitor) => visitor.conversationId);

    // --- Load and kills ----------------------------------------------------------------------------
    const outcomes: Outcome[] = [];
    const kills: Record<ParleyRole, number> = { api: 0, worker: 0 };
    let running = true;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
    let sequence = 0;
    const visitorLoop = async (visitor: (typeof visitors)[number]) => {
      while (running) {
        const content = `visitor says ${sequence++}`;
        const result = await request(`${visitor.contactPath}/conversations/${visitor.conversationId}/messages`, { method: 'POST', body: { content } });
        outcomes.push({ kind: 'visitor message', status: result.status, content, error: result.error });
        await pause(100);
      }
    };
    const agentLoop = async () => {
      while (running) {
        const content = `agent replies ${sequence++}`;
        const result = await request(`${accountPath}/conversations/${pick(conversationIds)}/messages`, { method: 'POST', token: agentToken, body: { content } });
        outcomes.push({ kind: 'agent reply', status: result.status, content, error: result.error });
        await pause(100);
      }
    };
    const statusLoop = async () => {
      while (running) {
        const result = await request(`${accountPath}/conversations/${pick(conversationIds)}/toggle_status`, { method: 'POST', token: agentToken, body: { status: pick(['resolved', 'open', 'pending']) } });
        outcomes.push({ kind: 'status change', status: result.status, error: result.error ?? (typeof result.status === 'number' && result.status >= 400 ? JSON.stringify(result.body).slice(0, 200) : undefined) });
        await pause(300);
      }
    };
    const killerLoop = async () => {
      let role: ParleyRole = Math.random() < 0.5 ? 'api' : 'worker';
      while (running) {
        await pause(options.killEveryMs);
        if (!running) break;
        // Alternate roles so both are hit; the instance is random. Never one still starting.
        const candidates = slots.filter((slot) => slot.role === role && slot.running && !slot.starting);
        // The port must keep answering: an API process is killed only while another serves beside it.
        const victim = role === 'api' && candidates.length < 2 ? undefined : pick(candidates);
        role = role === 'api' ? 'worker' : 'api';
        if (!victim?.running) continue;
        const process = victim.running;
        victim.running = undefined;
        await killParleyProcess(process.child);
        kills[victim.role]++;
        log(`killed ${victim.name} (SIGKILL); starting it again`);
        void startSlot(victim);
      }
    };
    log(`load for ${Math.round(options.durationMs / 1000)} s: ${visitors.length} visitors, an agent, status changes; a kill every ${options.killEveryMs / 1000} s`);
    const load = Promise.all([...visitors.map(visitorLoop), agentLoop(), agentLoop(), statusLoop(), killerLoop()]);
    await pause(options.durationMs);
    running = false;
    await load;
    await Promise.all(slots.map(startSlot));
    log('load stopped; every process runs again; waiting for webhooks to drain…');

    // --- Quiescence ---------------------------------------------------------------------------------
    const endpointDeliveries = async () => database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.accountId, account.id));
    const drainDeadline = Date.now() + 120_000;
    for (;;) {
      const outbox = await database.db.select({ id: webhookOutbox.id }).from(webhookOutbox).where(eq(webhookOutbox.accountId, account.id));
      const pending = (await endpointDeliveries()).filter((delivery) => delivery.status === 'pending');
      if ((outbox.length === 0 && pending.length === 0) || Date.now() > drainDeadline) break;
      await pause(500);
    }

    // --- Checks -------------------------------------------------------------------------------------
    const checks: ChaosCheck[] = [];
    const stored = await database.db
      .select({ id: messages.id, content: messages.content, messageType: messages.messageType })
      .from(messages)
      .where(and(eq(messages.accountId, account.id), inArray(messages.conversationId, conversationIds)));
    const storedCount = new Map<string, number>();
    // Activity lines ("marked resolved by …") repeat by nature; what people wrote must not.
    for (const row of stored) if (row.content && (row.messageType === 'incoming' || row.messageType === 'outgoing')) storedCount.set(row.content, (storedCount.get(row.content) ?? 0) + 1);
    const sent = outcomes.filter((outcome) => outcome.content);
    checks.push({
      name: 'messages answered 2xx are stored exactly once; none twice',
      checked: sent.length,
      violations: [
        ...sent.filter((outcome) => outcome.status === 200 && storedCount.get(outcome.content!) !== 1).map((outcome) => `"${outcome.content}" answered 200, stored ${storedCount.get(outcome.content!) ?? 0} times`),
        ...[...storedCount].filter(([, count]) => count > 1).map(([content, count]) => `"${content}" stored ${count} times`),
      ],
    });

    const deliveries = await endpointDeliveries();
    const deliveryViolations: string[] = [];
    const knownIds = new Set(deliveries.map((delivery) => delivery.messageId));
    for (const delivery of deliveries) {
      const received = receiver.receivedById.get(delivery.messageId) ?? 0;
      if (delivery.status !== 'delivered') deliveryViolations.push(`${delivery.event} ${delivery.messageId} is ${delivery.status}`);
      if (received === 0) deliveryViolations.push(`${delivery.event} ${delivery.messageId} never arrived`);
      if (received > webhookAttempts) deliveryViolations.push(`${delivery.event} ${delivery.messageId} arrived ${received} times (attempts allow ${webhookAttempts})`);
    }
    for (const id of receiver.receivedById.keys()) if (!knownIds.has(id)) deliveryViolations.push(`received ${id}, which no delivery has`);
    const announcedMessages = new Map<number, number>();
    for (const [id, payload] of receiver.payloadById) if (payload.event === 'message_created' && typeof payload.id === 'number' && knownIds.has(id)) announcedMessages.set(payload.id, (announcedMessages.get(payload.id) ?? 0) + 1);
    for (const [messageId, count] of announcedMessages) if (count > 1) deliveryViolations.push(`message ${messageId} announced under ${count} delivery ids`);
    const customerFacing = stored.filter((row) => row.messageType === 'incoming' || row.messageType === 'outgoing');
    for (const row of customerFacing) if (!announcedMessages.has(row.id)) deliveryViolations.push(`message ${row.id} ("${row.content}") was never announced`);
    checks.push({ name: 'webhook events received once after de-duplication by id, each within its attempts', checked: deliveries.length, violations: deliveryViolations });

    const stuck: string[] = [];
    let workflowsChecked = 0;
    for await (const execution of temporal.workflow.list({ query: `TaskQueue = '${options.taskQueue}' AND ExecutionStatus = 'Running'` })) {
      workflowsChecked++;
      const history = await temporal.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      const waiting = new Map<string, number>();
      for (const event of history.events ?? []) {
        const at = Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);
        if (event.timerStartedEventAttributes) {
          const timeout = event.timerStartedEventAttributes.startToFireTimeout;
          waiting.set(String(event.timerStartedEventAttributes.timerId), at + Number(timeout?.seconds ?? 0) * 1000 + Math.floor((timeout?.nanos ?? 0) / 1e6));
        }
        if (event.timerFiredEventAttributes) waiting.delete(String(event.timerFiredEventAttributes.timerId));
        if (event.timerCanceledEventAttributes) waiting.delete(String(event.timerCanceledEventAttributes.timerId));
      }
      for (const [timerId, fireAt] of waiting) if (fireAt < Date.now() - stuckTimerGraceMs) stuck.push(`${execution.workflowId}: timer ${timerId} due ${new Date(fireAt).toISOString()} has not fired`);
    }
    checks.push({ name: 'no workflow waits on a timer that should have fired', checked: workflowsChecked, violations: stuck });

    const disagreements: string[] = [];
    const storedStatuses = await database.db.select({ id: conversations.id, status: conversations.status }).from(conversations).where(inArray(conversations.id, conversationIds));
    for (const { id, status } of storedStatuses) {
      try {
        const snapshot = await temporal.workflow.getHandle(conversationWorkflowId(id)).query(lifecycleSnapshotQuery);
        if (snapshot.status !== status) disagreements.push(`conversation ${id}: stored ${status}, workflow ${snapshot.status}`);
      } catch (error) {
        disagreements.push(`conversation ${id}: its workflow did not answer (${(error as Error).message})`);
      }
    }
    checks.push({ name: "every conversation's stored status is its workflow's", checked: storedStatuses.length, violations: disagreements });

    const actions: ChaosReport['actions'] = {};
    for (const outcome of outcomes) {
      const byStatus = (actions[outcome.kind] ??= {});
      byStatus[String(outcome.status)] = (byStatus[String(outcome.status)] ?? 0) + 1;
    }
    const errors: ChaosReport['errors'] = {};
    for (const outcome of outcomes) if (outcome.error) errors[`${outcome.kind}: ${outcome.error}`] = (errors[`${outcome.kind}: ${outcome.error}`] ?? 0) + 1;
    return { actions, errors, kills, checks, ok: checks.every((check) => check.violations.length === 0) };
  } finally {
    await Promise.all(slots.map(async (slot) => {
      await slot.starting?.catch(() => {});
      if (slot.running) await killParleyProcess(slot.running.child);
    }));
    await receiver.close();
    await temporalConnection.close();
    await database.close();
  }
}

/** The report as a person reads it: what the run did, then each check and its first violations. */
export function formatChaosReport(report: ChaosReport): string {
  const lines: string[] = ['', 'What the run did', ''];
  const statuses = [...new Set(Object.values(report.actions).flatMap((byStatus) => Object.keys(byStatus)))].sort();
  const width = Math.max(16, ...Object.keys(report.actions).map((kind) => kind.length));
  lines.push(`${'action'.padEnd(width)}  ${statuses.map((status) => status.padStart(8)).join('')}`);
  for (const [kind, byStatus] of Object.entries(report.actions)) lines.push(`${kind.padEnd(width)}  ${statuses.map((status) => String(byStatus[status] ?? 0).padStart(8)).join('')}`);
  lines.push(`${'kills (SIGKILL)'.padEnd(width)}  api ${report.kills.api}, worker ${report.kills.worker}`);
  const errors = Object.entries(report.errors).sort((a, b) => b[1] - a[1]);
  if (errors.length) lines.push('', 'Why requests failed', '', ...errors.slice(0, 8).map(([reason, count]) => `${String(count).padStart(6)}  ${reason}`));
  lines.push('', 'What it checked', '');
  for (const check of report.checks) {
    lines.push(`${check.violations.length === 0 ? 'ok  ' : 'FAIL'}  ${check.name} (${check.checked} checked, ${check.violations.length} violations)`);
    for (const violation of check.violations.slice(0, 10)) lines.push(`        ${violation}`);
    if (check.violations.length > 10) lines.push(`        … and ${check.violations.length - 10} more`);
  }
  return lines.join('\n');
}
