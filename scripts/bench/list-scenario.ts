/**
 * `npm run bench -- --scenario list` — the conversation list and its counts at the SPEC §6 scale target
 * (100,000 conversations, 40,000 open, ~1,000,000 messages), through the real API, against two floors
 * measured in the same run: GET /api/health (routing + JSON, no DB) and one raw driver query (the DB floor).
 *
 * Seeding is set-based (generate_series inside Postgres), then VACUUM (ANALYZE). Requests are sequential, keep-alive,
 * after a warm-up. It also prints EXPLAIN (ANALYZE, BUFFERS) summaries of the queries the list endpoint issues.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import { addUserToAccount, createAccount, createInboxRecord, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { conversationsPageSize } from '../../core/services/conversations/list.js';
import type { Database, DatabaseConnection } from '../../db/client.js';
import { listConversationIds, listMemberInboxIds, loadConversationCards, type ConversationListFilter } from '../../db/queries/conversations.js';
import * as schema from '../../db/schema/index.js';

export type ListScenarioContext = {
  pgUrl: string;
  apiUrl: string;
  connection: DatabaseConnection;
  progress: (line: string) => void;
  percentile: (sorted: number[], p: number) => number;
  isInterrupted: () => boolean;
  onCleanup: (name: string, run: () => Promise<void>) => void;
};

export type ListScenarioOptions = { conversations: number; messagesPerConversation: number; contacts: number; requests: number; warmup: number };

export const listScenarioDefaults: ListScenarioOptions = { conversations: 100_000, messagesPerConversation: 10, contacts: 20_000, requests: 200, warmup: 20 };

/** Whose list a query is for: the user and, for agents, their inboxes. */
type ListViewer = Pick<ConversationListFilter, 'userId' | 'inboxIds'>;

const TARGET_MS = 100;
const SLOW_QUERY_MS = 50;

export async function runListScenario(ctx: ListScenarioContext, options: ListScenarioOptions): Promise<number> {
  const { progress, connection } = ctx;
  const { db } = connection;
  const N = options.conversations;
  const started = performance.now();
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    progress(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };

  // --- Seed: people, inboxes -------------------------------------------------------------------------
  progress(`list: seeding account, administrator + 2 agents with tokens, 5 inboxes…`);
  const account = await createAccount(db, { name: 'Bench Scale Inc' });
  const people = await Promise.all(
    [
      { name: 'Scale Admin', email: 'scale-admin@parley.local', role: 'administrator' as const },
      { name: 'Scale Agent A', email: 'scale-agent-a@parley.local', role: 'agent' as const },
      { name: 'Scale Agent B', email: 'scale-agent-b@parley.local', role: 'agent' as const },
    ].map((p) => addUserToAccount(db, { accountId: account.id, ...p, password: 'bench-password-123', availability: 'online' })),
  );
  const [admin, agentA, agentB] = people;
  const [adminToken, agentAToken] = [await issueAccessToken(db, admin.id), await issueAccessToken(db, agentA.id)];
  await issueAccessToken(db, agentB.id);
  // Agent A: inboxes 1 and 2; agent B: 2, 3 and 4; inbox 5 has no members (administrators only).
  const membership = [[agentA.id], [agentA.id, agentB.id], [agentB.id], [agentB.id], []];
  const inboxes = [];
  for (const [i, memberIds] of membership.entries()) {
    inboxes.push(await createInboxRecord(db, { accountId: account.id, name: `Scale inbox ${i + 1}`, channelType: i % 2 ? 'email' : 'api', memberIds }));
  }
  const inboxIds = inboxes.map((inbox) => inbox.id);
  const userIds = people.map((p) => p.id);

  // --- Seed: bulk rows, one statement each, on one session with FK triggers off (rows are consistent by construction)
  const seed = postgres(ctx.pgUrl, { max: 1, onnotice: () => {} });
  ctx.onCleanup('list seed connection', () => seed.end({ timeout: 5 }));
  await seed`set session_replication_role = replica`;
  await seed`set synchronous_commit = off`;
  await seed`set maintenance_work_mem = '256MB'`;
  await seed`set work_mem = '64MB'`;
  await seed`select setseed(0.42)`;
  const a = account.id;
  progress(`list: bulk seeding with generate_series…`);
  await step(`${options.contacts} contacts`, () => seed`
    insert into contacts (account_id, name, email, created_at, updated_at)
    select ${a}, 'Customer ' || g, 'customer-' || g || '@example.com', now() - interval '120 days' + g * interval '1 second', now()
    from generate_series(1, ${options.contacts}::int) g`);
  await step(`${options.contacts} contact_inboxes`, () => seed`
    insert into contact_inboxes (contact_id, inbox_id, source_id)
    select c.id, (${inboxIds}::int[])[1 + (row_number() over (order by c.id) - 1) % 5], 'scale-' || c.id
    from contacts c where c.account_id = ${a}`);
  await step(`${N} conversations`, () => seed`
    with ci as (
      select ci.id, ci.contact_id, ci.inbox_id, row_number() over (order by ci.id) - 1 as n
      from contact_inboxes ci join contacts c on c.id = ci.contact_id where c.account_id = ${a}
    ), g as (
      select g, random() as r_status, random() as r_assignee, random() as r_activity, random() as r_age, random() as r_seen, random() as r_seen_lag
      from generate_series(1, ${N}::int) g
    ), s as (
      select g.*,
        case when r_status < 0.40 then 'open' when r_status < 0.85 then 'resolved' when r_status < 0.95 then 'pending' else 'snoozed' end as status,
        now() - r_activity * interval '90 days' as last_activity_at
      from g
    )
    insert into conversations (account_id, display_id, inbox_id, contact_id, contact_inbox_id, status, assignee_id, snoozed_until,
      last_activity_at, waiting_since, agent_last_seen_at, created_at, updated_at)
    select ${a}, s.g, ci.inbox_id, ci.contact_id, ci.id, s.status,
      case when s.r_assignee < 0.30 then null else (${userIds}::int[])[1 + floor((s.r_assignee - 0.30) / 0.70 * 3)::int % 3] end,
      case when s.status = 'snoozed' then now() + interval '1 day' end,
      s.last_activity_at,
      case when s.status in ('open', 'pending') and s.r_seen < 0.5 then s.last_activity_at end,
      -- most conversations were looked at by an agent, some before their newest messages (so they have unread ones)
      case when s.r_seen < 0.85 then s.last_activity_at - s.r_seen_lag * interval '2 days' end,
      s.last_activity_at - s.r_age * interval '7 days',
      s.last_activity_at
    from s join ci on ci.n = (s.g - 1) % (select count(*) from ci)`);
  await step('accounts.last_conversation_display_id', () => seed`
    update accounts set last_conversation_display_id = (select max(display_id) from conversations where account_id = ${a}) where id = ${a}`);
  // 1 to 19 messages a conversation (10 on average): the customer opens, agent and customer alternate,
  // every 7th is an activity message, every 9th agent message a private note; created_at runs from the
  // conversation's created_at to its last_activity_at (the newest message is the last activity).
  const perConversation = (options.messagesPerConversation - 1) * 2 + 1;
  await step(`~${N * options.messagesPerConversation} messages`, () => seed`
    insert into messages (account_id, conversation_id, inbox_id, message_type, content, private, status, sender_type, sender_id, created_at, updated_at)
    select c.account_id, c.id, c.inbox_id, t.message_type,
      case t.message_type
        when 'activity' then 'Conversation was marked open by Scale Admin'
        when 'incoming' then 'Hi, this is message ' || i || ' about my order #' || c.display_id || ' — when will it be delivered?'
        else 'Thanks for waiting! Reply ' || i || ' on #' || c.display_id || ': your parcel leaves the warehouse tomorrow.'
      end,
      t.message_type = 'outgoing' and i % 9 = 0,
      'sent',
      case t.message_type when 'incoming' then 'contact' when 'outgoing' then 'user' end,
      case t.message_type when 'incoming' then c.contact_id when 'outgoing' then coalesce(c.assignee_id, ${admin.id}::int) end,
      c.created_at + (c.last_activity_at - c.created_at) * (i::float8 / k.n),
      c.created_at + (c.last_activity_at - c.created_at) * (i::float8 / k.n)
    from conversations c
    cross join lateral (select 1 + (c.display_id * 7) % ${perConversation}::int as n) k
    cross join lateral generate_series(1, k.n) i
    cross join lateral (select case when i = 1 then 'incoming' when i % 7 = 0 then 'activity' when i % 2 = 0 then 'outgoing' else 'incoming' end as message_type) t
    where c.account_id = ${a}`);
  const labelTitles = ['billing', 'delivery', 'returns', 'vip', 'bug', 'feature-request', 'refund', 'urgent-customer'];
  await step(`${labelTitles.length} labels, labels on ~30% of conversations`, async () => {
    await seed`insert into labels (account_id, title) select ${a}, unnest(${labelTitles}::text[])`;
    await seed`
      insert into conversation_labels (conversation_id, label_id)
      select c.id, l.id from conversations c
      join labels l on l.account_id = ${a} and l.title = (${labelTitles}::text[])[1 + (c.display_id * 13) % ${labelTitles.length}::int]
      where c.account_id = ${a} and (c.display_id * 31) % 10 < 3`;
  });
  // VACUUM sets the visibility map as autovacuum would on a live table, so counts can use index-only scans.
  await step('VACUUM ANALYZE', () => seed`vacuum (analyze)`);
  await seed`set session_replication_role = origin`;
  const [totals] = await seed<{ conversations: number; open: number; open_unassigned: number; messages: number; resolved: number }[]>`
    select (select count(*)::int from conversations where account_id = ${a}) as conversations,
      (select count(*)::int from conversations where account_id = ${a} and status = 'open') as open,
      (select count(*)::int from conversations where account_id = ${a} and status = 'open' and assignee_id is null) as open_unassigned,
      (select count(*)::int from conversations where account_id = ${a} and status = 'resolved') as resolved,
      (select count(*)::int from messages where account_id = ${a}) as messages`;
  const seedSeconds = (performance.now() - started) / 1000;
  progress(
    `list: seeded ${totals.conversations} conversations (${totals.open} open, ${totals.open_unassigned} of them unassigned; ${totals.resolved} resolved), ` +
      `${totals.messages} messages in ${seedSeconds.toFixed(1)} s`,
  );

  // --- EXPLAIN the queries the list endpoint issues ----------------------------------------------------
  const agentAInboxes = await listMemberInboxIds(db, { accountId: a, userId: agentA.id });
  const viewers: { name: string; viewer: ListViewer }[] = [
    { name: 'admin', viewer: { userId: admin.id } },
    { name: 'agent A', viewer: { userId: agentA.id, inboxIds: agentAInboxes } },
  ];
  const explainLines = await explainListQueries(ctx.pgUrl, ctx.onCleanup, a, viewers);

  // --- Measure through HTTP ----------------------------------------------------------------------------
  const base = `${ctx.apiUrl}/api/v1/accounts/${a}`;
  const adminHeaders = { api_access_token: adminToken };
  const agentHeaders = { api_access_token: agentAToken };
  const resolvedPage50 = Math.min(50, Math.max(1, Math.ceil(totals.resolved / conversationsPageSize)));
  const raw = postgres(ctx.pgUrl, { max: 1, onnotice: () => {} });
  ctx.onCleanup('list baseline connection', () => raw.end({ timeout: 5 }));

  type Probe = { name: string; kind: 'floor' | 'list'; run: () => Promise<void> };
  const get = (url: string, headers: Record<string, string>, expectPayload: boolean) => async () => {
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { data?: { payload?: unknown[] } };
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    if (expectPayload && (!Array.isArray(body.data?.payload) || body.data.payload.length === 0)) throw new Error(`GET ${url} returned no conversations`);
  };
  const list = (query: string, headers: Record<string, string>) => get(`${base}/conversations?${query}`, headers, true);
  const probes: Probe[] = [
    { name: 'floor: GET /api/health', kind: 'floor', run: get(`${ctx.apiUrl}/api/health`, {}, false) },
    {
      name: 'floor: raw driver page query',
      kind: 'floor',
      run: async () => {
        const rows = await raw`select id from conversations where account_id = ${a} and status = 'open' order by last_activity_at desc limit 25`;
        if (rows.length !== 25) throw new Error('raw query returned fewer than 25 rows');
      },
    },
    { name: 'all, open (admin)', kind: 'list', run: list('assignee_type=all&status=open', adminHeaders) },
    { name: 'all, open (agent A, 2 inboxes)', kind: 'list', run: list('assignee_type=all&status=open', agentHeaders) },
    { name: 'unassigned, open (admin)', kind: 'list', run: list('assignee_type=unassigned&status=open', adminHeaders) },
    { name: 'me, open (admin)', kind: 'list', run: list('assignee_type=me&status=open', adminHeaders) },
    { name: `all, resolved, page ${resolvedPage50} (admin)`, kind: 'list', run: list(`assignee_type=all&status=resolved&page=${resolvedPage50}`, adminHeaders) },
    { name: 'all, open, labels=billing (admin)', kind: 'list', run: list('assignee_type=all&status=open&labels=billing', adminHeaders) },
  ];
  const results: { probe: Probe; latencies: number[] }[] = [];
  for (const probe of probes) {
    progress(`list: ${probe.name}: ${options.warmup} warm-up + ${options.requests} sequential requests…`);
    for (let i = 0; i < options.warmup; i += 1) await probe.run();
    const latencies: number[] = [];
    for (let i = 0; i < options.requests && !ctx.isInterrupted(); i += 1) {
      const t0 = performance.now();
      await probe.run();
      latencies.push(performance.now() - t0);
    }
    if (ctx.isInterrupted()) throw new Error('interrupted');
    latencies.sort((x, y) => x - y);
    results.push({ probe, latencies });
  }

  // --- Report -------------------------------------------------------------------------------------------
  const p = (l: number[], q: number) => ctx.percentile(l, q);
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const [health, rawFloor] = results;
  const table = [['', 'p50', 'p90', 'p99', '× health p50', '× raw-query p50']];
  for (const { probe, latencies } of results) {
    table.push([
      probe.name,
      ms(p(latencies, 50)),
      ms(p(latencies, 90)),
      ms(p(latencies, 99)),
      `${(p(latencies, 50) / p(health.latencies, 50)).toFixed(1)}×`,
      `${(p(latencies, 50) / p(rawFloor.latencies, 50)).toFixed(1)}×`,
    ]);
  }
  const widths = table[0].map((_, col) => Math.max(...table.map((r) => r[col].length)));
  const format = (r: string[]) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');

  console.log('');
  console.log('Parley conversation list at scale (SPEC §6): API vs. /api/health and a raw driver query (same run, same Postgres)');
  console.log(
    `data: ${totals.conversations} conversations (${totals.open} open, ${totals.open_unassigned} open unassigned), ${totals.messages} messages, ` +
      `${options.contacts} contacts, 5 inboxes, 3 users; seeded in ${seedSeconds.toFixed(1)} s`,
  );
  console.log(`load: sequential keep-alive requests, ${options.requests} per endpoint after ${options.warmup} warm-up; each list request = page of 25 + 3 counts + cards`);
  console.log('');
  for (const row of table) console.log(format(row));
  console.log('');
  for (const { probe, latencies } of results.filter((r) => r.probe.kind === 'list')) {
    const p99 = p(latencies, 99);
    const ok = p99 < TARGET_MS;
    console.log(`verdict ${probe.name}: p99 ${p99.toFixed(0)} ms: ${ok ? 'within' : 'OVER'} the ${TARGET_MS} ms target`);
  }
  console.log('');
  console.log(`EXPLAIN (ANALYZE, BUFFERS) of the queries GET /conversations?assignee_type=all&status=open issues (custom plans; "!" = slower than ${SLOW_QUERY_MS} ms or a Seq Scan on conversations/messages):`);
  for (const line of explainLines) console.log(line);
  console.log('');
  return 0; // figures, not a gate: the verdict lines say it; a failed request throws and fails the run
}

function nameQuery(query: string): string {
  const q = query.toLowerCase();
  if (q.includes('count(*)') && q.includes('from "conversations"')) {
    if (q.includes('"assignee_id" = $')) return 'count mine';
    if (q.includes('"assignee_id" is null')) return 'count unassigned';
    return 'count all';
  }
  if (q.startsWith('select "conversations"."id" from "conversations"') || (q.includes('from "conversations"') && q.includes(' limit '))) return 'page (25 ids)';
  if (q.includes('cross join lateral')) return 'cards: last message ids';
  if (q.includes(' as unread')) return 'cards: unread counts';
  if (q.includes('from "conversation_labels"')) return 'cards: labels';
  if (q.includes('left join "users"')) return 'cards: conversation rows';
  if (q.includes('from "messages"')) return 'cards: last messages';
  if (q.includes('from "attachments"')) return 'cards: attachments';
  if (q.includes('from "users"')) return 'cards: sender users';
  if (q.includes('from "contacts"')) return 'cards: sender contacts';
  return 'other';
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Total Time'?: number; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; Plans?: PlanNode[] };

function walk(node: PlanNode, visit: (node: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

const describeNode = (node: PlanNode) =>
  `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`;

/** Runs listConversationIds and loadConversationCards with a logging drizzle, then EXPLAINs each captured statement. */
async function explainListQueries(pgUrl: string, onCleanup: ListScenarioContext['onCleanup'], accountId: number, viewers: { name: string; viewer: ListViewer }[]) {
  const client = postgres(pgUrl, { max: 1, onnotice: () => {} });
  onCleanup('list EXPLAIN connection', () => client.end({ timeout: 5 }));
  let captured: { query: string; params: unknown[] }[] = [];
  const logger: Logger = { logQuery: (query, params) => void captured.push({ query, params }) };
  const db = drizzle(client, { schema, logger }) as unknown as Database;
  const lines: string[] = [];
  for (const { name, viewer } of viewers) {
    captured = [];
    const { ids } = await listConversationIds(db, { accountId, ...viewer, assigneeType: 'all', status: 'open', page: 1, pageSize: conversationsPageSize });
    await loadConversationCards(db, { accountId, ids });
    // Promise.all starts the statements in no fixed order: name each by what it says.
    const queries = captured.map(({ query, params }) => ({ query, params, label: nameQuery(query) }));
    for (const { query, params, label } of queries) {
      const [row] = await client.unsafe(`explain (analyze, buffers, format json) ${query}`, params as postgres.ParameterOrJSON<never>[]);
      const explained = (row as Record<string, unknown>)['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }];
      const { Plan: plan, 'Execution Time': exec } = explained[0];
      const seqScans: string[] = [];
      walk(plan, (node) => {
        if (node['Node Type'] === 'Seq Scan' && (node['Relation Name'] === 'conversations' || node['Relation Name'] === 'messages')) seqScans.push(node['Relation Name']);
      });
      const hit = plan['Shared Hit Blocks'] ?? 0;
      const read = plan['Shared Read Blocks'] ?? 0;
      // The node that reads conversations, under the aggregate / limit at the top.
      let access: PlanNode | undefined;
      walk(plan, (node) => {
        if (!access && (node['Relation Name'] === 'conversations' || node['Relation Name'] === 'messages')) access = node;
      });
      const flag = exec > SLOW_QUERY_MS || seqScans.length ? '!' : ' ';
      lines.push(
        `${flag} ${name.padEnd(7)} ${label.padEnd(28)} ${`${exec.toFixed(2)} ms`.padStart(10)}  top: ${describeNode(plan)}` +
          `${access && access !== plan ? `; reads via ${describeNode(access)}` : ''}; buffers hit ${hit} read ${read}` +
          `${seqScans.length ? `; SEQ SCAN on ${seqScans.join(', ')}` : ''}`,
      );
    }
  }
  return lines;
}
