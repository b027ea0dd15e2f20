/**
 * Postgres restarts under load. A real API process (api/server.ts) on a Postgres of its own takes a
 * steady stream of agent replies while that Postgres is stopped and started again: while it is gone
 * every request is answered at once with 503 and Retry-After (no 500, none left hanging), the
 * process reconnects by itself (queries and the LISTEN connection that carries live events), and
 * every reply it acknowledged is stored exactly once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { connectDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { messages } from '../../db/schema/index.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';
import { apiServerProcesses } from '../support/api-server-process.js';
import { apiClient, createTestAccount, type TestAccount } from '../support/stack.js';
import { readEventStream, startVisitor } from '../support/visitor.js';

// No worker polls this queue: replies start their delivery workflows, which wait in Temporal.
const processes = apiServerProcesses(() => ({ taskQueue: `postgres-restart-${randomUUID().slice(0, 8)}` }));
const requestTimeoutMs = 15_000;

/** One reply's answer, and what Postgres was doing when it arrived. */
type Outcome = { content: string; status: number | 'timeout' | 'network'; retryAfter: string | null; phase: 'up' | 'down' | 'restarted' };

describe('a Postgres restart in the middle of a load', () => {
  let dataRoot: string;
  let postgres: RunningPostgres;
  let port: number;
  let databaseUrl: string;
  const startPostgres = async () => (postgres = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'data'), port, database: 'parley' }));

  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'parley-pg-restart-'));
    port = await freePort();
    databaseUrl = (await startPostgres()).url;
    await migrateDatabase(databaseUrl);
  }, 120_000);
  afterAll(async () => {
    processes.killAll();
    await postgres?.stop().catch(() => {});
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while it is gone, recovers by itself, and loses or doubles no acknowledged reply', { timeout: 180_000 }, async () => {
    const database = connectDatabase(databaseUrl, { max: 2 });
    let account: TestAccount;
    try {
      account = await createTestAccount(database);
    } finally {
      await database.close();
    }
    const api = await processes.start(await freePort(), { DATABASE_URL: databaseUrl, API_REQUESTS_PER_MINUTE: '100000' });
    const visitor = await startVisitor(api, account, '10.15.0.1', { name: 'Rita Restart' });
    const conversationId = await visitor.startConversation();
    const repliesPath = `/api/v1/accounts/${account.account.id}/conversations/${conversationId}/messages`;

    let phase: Outcome['phase'] = 'up';
    let running = true;
    const outcomes: Outcome[] = [];
    const sendReplies = async (client: number) => {
      for (let sequence = 0; running; sequence++) {
        const content = `reply ${client}-${sequence}`;
        try {
          const response = await api.app.request(repliesPath, {
            method: 'POST',
            headers: { api_access_token: account.agent.token, 'content-type': 'application/json' },
            body: JSON.stringify({ content }),
            signal: AbortSignal.timeout(requestTimeoutMs),
          });
          await response.arrayBuffer();
          outcomes.push({ content, status: response.status, retryAfter: response.headers.get('retry-after'), phase });
        } catch (error) {
          outcomes.push({ content, status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network', retryAfter: null, phase });
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, client) => sendReplies(client)));
    const waitForOutcomes = async (count: number, inPhase: Outcome['phase']) => {
      const deadline = Date.now() + 60_000;
      while (outcomes.filter((outcome) => outcome.phase === inPhase).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    await waitForOutcomes(30, 'up');
    phase = 'down';
    await postgres.stop();
    await waitForOutcomes(30, 'down');
    await startPostgres();
    phase = 'restarted';
    // Recovered means replies are accepted again: wait for a run of them.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && outcomes.filter((outcome) => outcome.phase === 'restarted' && outcome.status === 200).length < 30) await new Promise((resolve) => setTimeout(resolve, 50));
    running = false;
    await load;

    const byPhase = (inPhase: Outcome['phase']) => outcomes.filter((outcome) => outcome.phase === inPhase);
    const statusesOf = (list: Outcome[]) => [...new Set(list.map((outcome) => outcome.status))].sort();
    // Before the stop everything is accepted; from the stop on, only 200 (committed just before) or 503.
    expect(statusesOf(byPhase('up'))).toEqual([200]);
    expect(statusesOf(byPhase('down')).filter((status) => status !== 200 && status !== 503)).toEqual([]);
    const refused = byPhase('down').filter((outcome) => outcome.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((outcome) => Number(outcome.retryAfter) > 0)).toBe(true);
    // After the restart: never a 500 or a hung request, and accepted again without restarting the process.
    expect(statusesOf(byPhase('restarted')).filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(byPhase('restarted').filter((outcome) => outcome.status === 200).length).toBeGreaterThanOrEqual(30);
    expect(api.child.exitCode, `the API process exited:\n${api.output()}`).toBeNull();

    const check = connectDatabase(databaseUrl, { max: 1 });
    try {
      const stored = await check.db
        .select({ content: messages.content })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), like(messages.content, 'reply %')));
      const storedCount = new Map<string, number>();
      for (const row of stored) storedCount.set(row.content ?? '', (storedCount.get(row.content ?? '') ?? 0) + 1);
      const acknowledged = outcomes.filter((outcome) => outcome.status === 200).map((outcome) => outcome.content);
      expect(acknowledged.filter((content) => storedCount.get(content) !== 1), 'acknowledged replies not stored exactly once').toEqual([]);
      expect([...storedCount.values()].filter((count) => count > 1), 'replies stored twice').toEqual([]);
    } finally {
      await check.close();
    }

    // Live events travel over a LISTEN connection, which must have come back too.
    const stream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
    try {
      await stream.waitFor((event) => event.event === 'ready');
      const after = await apiClient(api, account.agent.token).post(repliesPath, { content: 'After the restart' });
      expect(after.status).toBe(200);
      await stream.waitFor((event) => event.event === 'message.created' && event.data.content === 'After the restart', 20_000);
    } finally {
      await stream.close();
    }
  });
});
