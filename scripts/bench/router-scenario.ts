/**
 * `npm run bench -- --scenario router` — time from a conversation created through the API to its
 * automatic assignment committed by the inbox router, at a steady rate of new conversations into one
 * inbox, against the bare Temporal round trip (start a trivial workflow, wait for its result) measured
 * in the same run on the same server and worker machine.
 *
 * Flags: --rate R (new conversations a second, default 20), --seconds S (default 60), --agents A (default 5).
 * The latency is from just before the POST to the router's decision time (`automatic_assignments.assigned_at`,
 * written in the transaction that assigns; the commit follows within the same transaction).
 */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { eq, sql } from 'drizzle-orm';
import { createWorker } from '../../activities/worker.js';
import { addUserToAccount, createAccount, createInboxRecord, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import type { DatabaseConnection } from '../../db/client.js';
import { insertContact } from '../../db/queries/contacts.js';
import { accountMemberships, automaticAssignments, conversations } from '../../db/schema/index.js';
import { inboxRouterWorkflowId } from '../../workflows/inbox-router/definitions.js';

export type RouterScenarioContext = {
  apiUrl: string;
  temporalAddress: string;
  taskQueue: string;
  databaseUrl: string;
  connection: DatabaseConnection;
  progress: (line: string) => void;
  percentile: (sorted: number[], p: number) => number;
  isInterrupted: () => boolean;
  onCleanup: (name: string, run: () => Promise<void>) => void;
};

export type RouterScenarioOptions = { rate: number; seconds: number; agents: number; baselineRuns: number };
export const routerScenarioDefaults: RouterScenarioOptions = { rate: 20, seconds: 60, agents: 5, baselineRuns: 300 };

const echoWorkflowsPath = fileURLToPath(new URL('./echo-workflow.ts', import.meta.url));

export async function runRouterScenario(ctx: RouterScenarioContext, options: RouterScenarioOptions): Promise<number> {
  const { progress, connection, percentile } = ctx;
  const { db } = connection;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already in this process.
  }

  // --- Workers: Parley's (router + lifecycle) and the echo baseline's, both in this process ---------
  progress('router: bundling and starting the worker and the echo worker…');
  const clientConnection = await Connection.connect({ address: ctx.temporalAddress });
  const temporal = new Client({ connection: clientConnection });
  const workerConnection = await NativeConnection.connect({ address: ctx.temporalAddress });
  const parley = await createWorker({ connection: workerConnection, namespace: 'default', taskQueue: ctx.taskQueue, databaseUrl: ctx.databaseUrl, temporal });
  const echoQueue = `${ctx.taskQueue}-echo`;
  const echo = await Worker.create({ connection: workerConnection, namespace: 'default', taskQueue: echoQueue, workflowsPath: echoWorkflowsPath });
  const running = [parley.worker.run(), echo.run()];
  ctx.onCleanup('router workers', async () => {
    parley.worker.shutdown();
    echo.shutdown();
    await Promise.allSettled(running);
    await parley.close();
    await workerConnection.close();
    await clientConnection.close();
  });

  // --- Seed: one inbox with online agents, no limit (so the queue has nowhere to grow but the router) --
  progress(`router: seeding an API inbox with ${options.agents} online agents…`);
  const account = await createAccount(db, { name: 'Bench Router Inc' });
  const admin = await addUserToAccount(db, { accountId: account.id, name: 'Router Admin', email: 'router-admin@parley.local', password: 'bench-password-123', role: 'administrator' });
  const agents = [];
  for (let n = 1; n <= options.agents; n += 1) {
    agents.push(await addUserToAccount(db, { accountId: account.id, name: `Router Agent ${n}`, email: `router-agent-${n}@parley.local`, password: 'bench-password-123', role: 'agent', availability: 'online' }));
  }
  // No console in a benchmark: presence must not take them offline.
  await db.update(accountMemberships).set({ autoOffline: false }).where(eq(accountMemberships.accountId, account.id));
  const inbox = await createInboxRecord(db, { accountId: account.id, name: 'Routed', channelType: 'api', memberIds: agents.map((agent) => agent.id) });
  await db.execute(sql`update inboxes set enable_auto_assignment = true, assignment_strategy = 'balanced' where id = ${inbox.id}`);
  const contact = await insertContact(db, { accountId: account.id, name: 'Bench Customer' });
  const token = await issueAccessToken(db, admin.id);
  const createUrl = `${ctx.apiUrl}/api/v1/accounts/${account.id}/conversations`;
  const create = async () => {
    const response = await fetch(createUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_access_token: token },
      body: JSON.stringify({ inbox_id: inbox.id, contact_id: contact.id }),
    });
    if (response.status !== 200) throw new Error(`POST /conversations answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { id: number }).id;
  };

  // --- Baseline: the bare Temporal round trip ------------------------------------------------------
  progress(`router: baseline, ${options.baselineRuns} echo workflows started and awaited one after another…`);
  const roundTrip = async (n: number) => {
    const t0 = performance.now();
    await temporal.workflow.execute('benchEchoWorkflow', { workflowId: `bench-echo-${n}-${Date.now()}`, taskQueue: echoQueue, args: [n] });
    return performance.now() - t0;
  };
  for (let n = 0; n < 20; n += 1) await roundTrip(n); // warm-up
  const baseline: number[] = [];
  for (let n = 0; n < options.baselineRuns && !ctx.isInterrupted(); n += 1) baseline.push(await roundTrip(n));
  baseline.sort((a, b) => a - b);

  // --- Steady rate ---------------------------------------------------------------------------------
  for (let n = 0; n < 10; n += 1) await create(); // warm-up: starts the router, warms the API
  const total = options.rate * options.seconds;
  progress(`router: ${total} conversations at ${options.rate}/s for ${options.seconds} s…`);
  const sentAt = new Map<number, number>();
  const answered: number[] = [];
  const failures: string[] = [];
  const waitingSamples: number[] = [];
  const inFlight: Promise<void>[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    void db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(sql`${conversations.inboxId} = ${inbox.id} and status = 'open' and assignee_id is null`)
      .then(([row]) => waitingSamples.push(row.n));
  }, 1000);
  for (let n = 0; n < total && !ctx.isInterrupted(); n += 1) {
    const due = started + (n * 1000) / options.rate;
    const delay = due - Date.now();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const t0 = Date.now();
    inFlight.push(
      create().then(
        (displayId) => {
          sentAt.set(displayId, t0);
          answered.push(Date.now() - t0);
        },
        (error: Error) => void failures.push(error.message),
      ),
    );
  }
  await Promise.all(inFlight);
  const sendSeconds = (Date.now() - started) / 1000;
  // Let the router finish what was sent.
  const deadline = Date.now() + 60_000;
  const assignedCount = async () =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(automaticAssignments).where(eq(automaticAssignments.inboxId, inbox.id)))[0].n;
  while ((await assignedCount()) < sentAt.size + 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  clearInterval(sampler);

  const rows = await db
    .select({ displayId: conversations.displayId, createdAt: conversations.createdAt, assignedAt: automaticAssignments.assignedAt })
    .from(automaticAssignments)
    .innerJoin(conversations, eq(conversations.id, automaticAssignments.conversationId))
    .where(eq(automaticAssignments.inboxId, inbox.id));
  const latencies = rows.flatMap((row) => {
    const t0 = sentAt.get(row.displayId);
    return t0 === undefined ? [] : [row.assignedAt.getTime() - t0];
  });
  latencies.sort((a, b) => a - b);
  // Where the time goes: the API's answer, and from the creating transaction to the router's decision.
  answered.sort((a, b) => a - b);
  const routed = rows.map((row) => row.assignedAt.getTime() - row.createdAt.getTime()).sort((a, b) => a - b);
  const [{ twice }] = await db.execute<{ twice: number }>(
    sql`select count(*)::int as twice from (select conversation_id from automatic_assignments where inbox_id = ${inbox.id} group by conversation_id having count(*) > 1) repeated`,
  );

  // The router's history: runs (continue-as-new) and the current run's length.
  const handle = temporal.workflow.getHandle(inboxRouterWorkflowId(inbox.id));
  const description = await handle.describe();
  let runs = 0;
  for await (const _ of temporal.workflow.list({ query: `WorkflowId = '${inboxRouterWorkflowId(inbox.id)}'` })) runs += 1;

  // --- Report ---------------------------------------------------------------------------------------
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10);
  const row = (label: string, sorted: number[]) => `${label.padEnd(44)}${ms(percentile(sorted, 50))}${ms(percentile(sorted, 99))}${ms(sorted[sorted.length - 1] ?? 0)}`;
  console.log('');
  console.log('Parley inbox router: conversation created (API) → assigned, against the bare Temporal round trip (same run)');
  console.log(`load: ${sentAt.size} conversations at ${options.rate}/s (${(sentAt.size / sendSeconds).toFixed(1)}/s achieved over ${sendSeconds.toFixed(0)} s) into one inbox, ${options.agents} online agents, no limit`);
  console.log('');
  console.log(`${''.padEnd(44)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`);
  console.log(row('baseline: start trivial workflow + result', baseline));
  console.log(row('created → assigned', latencies));
  console.log(row('  of which: POST /conversations answered', answered));
  console.log(row('  of which: stored → router decided', routed));
  console.log('');
  console.log(`ratio: p50 ${(percentile(latencies, 50) / percentile(baseline, 50)).toFixed(2)}×, p99 ${(percentile(latencies, 99) / percentile(baseline, 99)).toFixed(2)}× the bare round trip`);
  console.log(`waiting queue (sampled each second): max ${Math.max(0, ...waitingSamples)}, last ${waitingSamples[waitingSamples.length - 1] ?? 0}`);
  console.log(`router history: ${runs} run(s) (continue-as-new), current run ${description.historyLength} events`);
  const ok = failures.length === 0 && latencies.length === sentAt.size && twice === 0;
  console.log(
    ok
      ? `correctness: all ${sentAt.size} conversations assigned once`
      : `correctness: MISMATCH: ${failures.length} failed creates, ${latencies.length} of ${sentAt.size} assigned, ${twice} assigned twice${failures[0] ? ` (e.g. ${failures[0]})` : ''}`,
  );
  console.log('');
  return ok ? 0 : 1;
}
