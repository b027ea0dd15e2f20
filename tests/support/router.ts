import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { addUserToAccount, createInboxRecord, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { insertContact } from '../../db/queries/contacts.js';
import { conversations, routerNotices } from '../../db/schema/index.js';
import { inboxRouterSnapshotQuery, inboxRouterWorkflowId } from '../../workflows/inbox-router/definitions.js';
import { apiClient, testPassword, type TestAccount, type TestStack } from './stack.js';
import { waitUntil } from './wait.js';

export type RoutedAgent = { id: number; name: string; token: string };

/**
 * A fresh API inbox with `agents` new members (named Agent 1…n, in membership order), its routing
 * settings set through the API as an administrator would. Agents start offline.
 */
export async function createRoutedInbox(
  stack: TestStack,
  account: TestAccount,
  options: { agents: number; settings?: Record<string, unknown> },
): Promise<{ inboxId: number; agents: RoutedAgent[] }> {
  const suffix = randomUUID().slice(0, 8);
  const agents: RoutedAgent[] = [];
  for (let index = 1; index <= options.agents; index += 1) {
    const name = `Agent ${index} ${suffix}`;
    const user = await addUserToAccount(stack.db, { accountId: account.account.id, name, email: `router-${index}-${suffix}@example.test`, password: testPassword, role: 'agent' });
    agents.push({ id: user.id, name, token: await issueAccessToken(stack.db, user.id) });
  }
  const inbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: `Routed ${suffix}`, channelType: 'api', memberIds: agents.map((agent) => agent.id) });
  const admin = apiClient(stack, account.admin.token);
  const patched = await admin.patch(`/api/v1/accounts/${account.account.id}/inboxes/${inbox.id}`, { enable_auto_assignment: true, ...options.settings });
  if (patched.status !== 200) throw new Error(`could not configure the inbox: ${JSON.stringify(patched.body)}`);
  return { inboxId: inbox.id, agents };
}

/** The agent sets their availability, with presence left out of it (no console in an API test). */
export async function setAvailability(stack: TestStack, account: TestAccount, agent: RoutedAgent, availability: 'online' | 'busy' | 'offline') {
  const response = await apiClient(stack, agent.token).post('/api/v1/profile/availability', { account_id: account.account.id, availability, auto_offline: false });
  if (response.status !== 200) throw new Error(`availability refused: ${JSON.stringify(response.body)}`);
}

/**
 * `count` conversations opened as a burst over the API in the inbox, by 20 clients at once; their
 * display ids in creation order. (Not 200 requests at once: postgres.js 3.4.9 can send a
 * transaction's BEGIN on an unreserved connection when a pipeline fills, porsager/postgres#823.)
 */
export async function openConversations(stack: TestStack, account: TestAccount, inboxId: number, count: number, token = account.admin.token): Promise<number[]> {
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: `Burst ${randomUUID().slice(0, 6)}` });
  const client = apiClient(stack, token);
  const displayIds: number[] = [];
  let next = 0;
  const openOne = async () => {
    while (next < count) {
      next += 1;
      const response = await client.post(`/api/v1/accounts/${account.account.id}/conversations`, { inbox_id: inboxId, contact_id: contact.id });
      if (response.status !== 200) throw new Error(`conversation not created: ${response.status} ${JSON.stringify(response.body)}`);
      displayIds.push(response.body.id as number);
    }
  };
  await Promise.all(Array.from({ length: Math.min(20, count) }, openOne));
  return displayIds.sort((a, b) => a - b);
}

/** The inbox's open conversations in creation order, with their assignee. */
export async function openConversationsOf(stack: Pick<TestStack, 'db'>, inboxId: number) {
  return stack.db
    .select({ id: conversations.id, displayId: conversations.displayId, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.status, 'open')))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
}

export async function countWaiting(stack: Pick<TestStack, 'db'>, inboxId: number) {
  const [row] = await stack.db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.status, 'open'), isNull(conversations.assigneeId)));
  return row.n;
}

/** Open conversations per assignee id. */
export async function loadsOf(stack: Pick<TestStack, 'db'>, inboxId: number): Promise<Map<number, number>> {
  const loads = new Map<number, number>();
  for (const row of await openConversationsOf(stack, inboxId)) if (row.assigneeId !== null) loads.set(row.assigneeId, (loads.get(row.assigneeId) ?? 0) + 1);
  return loads;
}

/**
 * Resolves once the inbox's router has nothing left to do: no notice queued for it, no signal it has
 * not served, and no pass running — what Postgres and Temporal report, not a guess about timing.
 */
export async function waitForRouterIdle(stack: TestStack, inboxId: number, timeoutMs = 60_000) {
  const handle = stack.temporal.workflow.getHandle(inboxRouterWorkflowId(inboxId));
  await waitUntil(
    async () => {
      const queued = await stack.db.select().from(routerNotices).where(eq(routerNotices.inboxId, inboxId));
      if (queued.length) return false;
      try {
        const description = await handle.describe();
        if (description.status.name !== 'RUNNING') return true;
        if ((description.raw.pendingActivities ?? []).length > 0 || description.raw.pendingWorkflowTask) return false;
        return !(await handle.query(inboxRouterSnapshotQuery)).pending;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return true;
        throw error;
      }
    },
    `inbox-router-${inboxId} to be idle`,
    timeoutMs,
  );
}
