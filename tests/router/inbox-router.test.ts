import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { accountMemberships, automaticAssignments, conversations, messages } from '../../db/schema/index.js';
import { readEventStream } from '../support/visitor.js';
import { apiTest } from '../support/api-test.js';
import { apiClient } from '../support/stack.js';
import { countWaiting, createRoutedInbox, loadsOf, openConversations, openConversationsOf, setAvailability, waitForRouterIdle } from '../support/router.js';
import { waitUntil } from '../support/wait.js';

const it = apiTest();

/** The assignee of each conversation, by display id. */
const assigneesOf = async (stack: Parameters<typeof openConversationsOf>[0], inboxId: number) =>
  new Map((await openConversationsOf(stack, inboxId)).map((row) => [row.displayId, row.assigneeId]));

it('a burst of 200 into three online agents at capacity 5 assigns exactly 15, and a resolve hands that agent the oldest waiting one', { timeout: 240_000 }, async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 3, settings: { auto_assignment_config: { max_assignment_limit: 5 } } });
  for (const agent of agents) await setAvailability(stack, account, agent, 'online');

  const displayIds = await openConversations(stack, account, inboxId, 200);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) <= 185, '15 conversations to be assigned', 120_000);
  await waitForRouterIdle(stack, inboxId);

  const loads = await loadsOf(stack, inboxId);
  expect([...loads.values()].reduce((sum, n) => sum + n, 0)).toBe(15);
  for (const agent of agents) expect(loads.get(agent.id)).toBe(5);
  expect(await countWaiting(stack, inboxId)).toBe(185);
  // (Which 15: the oldest committed when each pass ran; 200 concurrent creations commit out of their start order.)
  const inCreationOrder = await openConversationsOf(stack, inboxId);
  expect(displayIds).toHaveLength(200);

  // The activity message says who assigned it.
  const firstAssigned = inCreationOrder.find((row) => row.assigneeId !== null)!;
  const first = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: firstAssigned.displayId }))!;
  const [activity] = await stack.db.select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, first.id), eq(messages.messageType, 'activity')));
  const firstAssignee = agents.find((agent) => agent.id === first.assigneeId)!;
  expect(activity.content).toBe(`Assigned to ${firstAssignee.name} by the inbox router`);

  // Resolving one of the first agent's frees a slot: the oldest waiting conversation goes to them.
  const resolved = await client.post(`${base}/conversations/${first.displayId}/toggle_status`, { status: 'resolved' });
  expect(resolved.status).toBe(200);
  const oldestWaiting = inCreationOrder.find((row) => row.assigneeId === null)!.displayId;
  await waitUntil(async () => (await assigneesOf(stack, inboxId)).get(oldestWaiting) === firstAssignee.id, 'the oldest waiting conversation to go to the freed agent', 60_000);
  await waitForRouterIdle(stack, inboxId);
  expect(await countWaiting(stack, inboxId)).toBe(184);
  const after = await loadsOf(stack, inboxId);
  for (const agent of agents) expect(after.get(agent.id)).toBe(5);
});

it('an agent going offline or busy receives nothing new; coming back online drains the queue up to capacity', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 2, settings: { auto_assignment_config: { max_assignment_limit: 2 } } });
  const [ana, bruno] = agents;
  await setAvailability(stack, account, ana, 'online');
  await setAvailability(stack, account, bruno, 'offline');

  const displayIds = await openConversations(stack, account, inboxId, 5);
  await waitUntil(async () => (await loadsOf(stack, inboxId)).get(ana.id) === 2, 'Ana to reach her limit');
  await waitForRouterIdle(stack, inboxId);
  expect((await loadsOf(stack, inboxId)).get(bruno.id)).toBeUndefined();
  expect(await countWaiting(stack, inboxId)).toBe(3);

  // Busy: a slot of hers frees, and still nothing comes to her.
  await setAvailability(stack, account, ana, 'busy');
  const assigneesBefore = await assigneesOf(stack, inboxId);
  const anaFirst = displayIds.find((id) => assigneesBefore.get(id) === ana.id)!;
  expect((await client.post(`${base}/conversations/${anaFirst}/toggle_status`, { status: 'resolved' })).status).toBe(200);
  await waitForRouterIdle(stack, inboxId);
  expect((await loadsOf(stack, inboxId)).get(ana.id)).toBe(1);
  expect(await countWaiting(stack, inboxId)).toBe(3);

  // Bruno comes online: he takes two (his capacity), one still waits.
  await setAvailability(stack, account, bruno, 'online');
  await waitUntil(async () => (await loadsOf(stack, inboxId)).get(bruno.id) === 2, 'Bruno to be given two');
  await waitForRouterIdle(stack, inboxId);
  expect(await countWaiting(stack, inboxId)).toBe(1);
  expect((await loadsOf(stack, inboxId)).get(ana.id)).toBe(1);

  // Ana back online: the last one goes to her.
  await setAvailability(stack, account, ana, 'online');
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 0, 'the queue to drain');
  expect((await loadsOf(stack, inboxId)).get(ana.id)).toBe(2);
});

it('a manual assignment above the limit is kept, and the router does not undo it', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 2, settings: { auto_assignment_config: { max_assignment_limit: 1 } } });
  const [ana, bruno] = agents;
  await setAvailability(stack, account, ana, 'online');
  const displayIds = await openConversations(stack, account, inboxId, 3);
  await waitUntil(async () => (await loadsOf(stack, inboxId)).get(ana.id) === 1, 'Ana to be given one');
  await waitForRouterIdle(stack, inboxId);

  // Two more by hand, above her limit of one.
  const unassigned = [...(await assigneesOf(stack, inboxId))].filter(([, assignee]) => assignee === null).map(([id]) => id);
  expect(unassigned).toHaveLength(2);
  for (const id of unassigned) expect((await client.post(`${base}/conversations/${id}/assignments`, { assignee_id: ana.id })).status).toBe(200);
  expect(displayIds).toHaveLength(3);

  // Bruno coming online wakes the router, which must leave Ana's three alone.
  await setAvailability(stack, account, bruno, 'online');
  await waitForRouterIdle(stack, inboxId);
  expect((await loadsOf(stack, inboxId)).get(ana.id)).toBe(3);
  expect((await loadsOf(stack, inboxId)).get(bruno.id)).toBeUndefined();
  // The assign dropdown shows her at capacity, with availability and load.
  const dropdown = await client.get(`${base}/assignable_agents?inbox_ids[]=${inboxId}`);
  expect(dropdown.status).toBe(200);
  expect(dropdown.body.payload.find((agent: { id: number }) => agent.id === ana.id)).toMatchObject({
    effective_availability: 'online',
    open_conversations_count: 3,
    max_assignment_limit: 1,
    at_capacity: true,
  });
});

it('round-robin rotates through the members in order', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 3, settings: { enable_auto_assignment: false, assignment_policy: { strategy: 'round_robin' } } });
  for (const agent of agents) await setAvailability(stack, account, agent, 'online');
  // Queued while the router is off, so the test knows the queue's order before it decides.
  await openConversations(stack, account, inboxId, 6);
  expect((await client.patch(`${base}/inboxes/${inboxId}`, { enable_auto_assignment: true })).status).toBe(200);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 0, 'all six to be assigned');
  const ids = agents.map((agent) => agent.id);
  // In queue order (oldest created first), the assignees go round the members.
  expect((await openConversationsOf(stack, inboxId)).map((row) => row.assigneeId)).toEqual([...ids, ...ids]);
});

it('balanced gives the fewest open conversations first, ties to whoever was assigned longest ago', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 3, settings: { enable_auto_assignment: false, assignment_policy: { strategy: 'balanced' } } });
  const [ana, bruno, carla] = agents;
  for (const agent of agents) await setAvailability(stack, account, agent, 'online');
  // Ana holds two, Bruno one, Carla none (assigned by hand while the router was off).
  const held = await openConversations(stack, account, inboxId, 3);
  for (const [id, agent] of [[held[0], ana], [held[1], ana], [held[2], bruno]] as const) {
    expect((await client.post(`${base}/conversations/${id}/assignments`, { assignee_id: agent.id })).status).toBe(200);
  }
  const fresh = await openConversations(stack, account, inboxId, 3);
  expect((await client.patch(`${base}/inboxes/${inboxId}`, { enable_auto_assignment: true })).status).toBe(200);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 0, 'all three to be assigned');
  const inQueueOrder = (await openConversationsOf(stack, inboxId)).filter((row) => fresh.includes(row.displayId));
  // Carla (0); then Bruno and Carla tie at one, Bruno never had an automatic one; then Carla (1) against Ana and Bruno (2).
  expect(inQueueOrder.map((row) => row.assigneeId)).toEqual([carla.id, bruno.id, carla.id]);
});

it('the queue is served oldest created first, or longest waiting first', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, {
    agents: 1,
    settings: { enable_auto_assignment: false, auto_assignment_config: { max_assignment_limit: 1 }, assignment_policy: { queue_order: 'longest_waiting' } },
  });
  await setAvailability(stack, account, agents[0], 'online');
  const [older, newer] = await openConversations(stack, account, inboxId, 1).then(async (first) => [...first, ...(await openConversations(stack, account, inboxId, 1))]);
  // The newer one's customer has been waiting longer (they wrote earlier, say by email).
  const newerRow = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: newer }))!;
  await stack.db.update(conversations).set({ waitingSince: sql`now() - interval '1 hour'` }).where(eq(conversations.id, newerRow.id));
  expect((await client.patch(`${base}/inboxes/${inboxId}`, { enable_auto_assignment: true })).status).toBe(200);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 1, 'one to be assigned');
  await waitForRouterIdle(stack, inboxId);
  expect((await assigneesOf(stack, inboxId)).get(newer)).toBe(agents[0].id);

  // Oldest created first: after the slot frees, the remaining (older) one is next either way; check the order switch on a fresh pair.
  expect((await client.patch(`${base}/inboxes/${inboxId}`, { assignment_policy: { queue_order: 'oldest_created' } })).status).toBe(200);
  expect((await client.post(`${base}/conversations/${newer}/toggle_status`, { status: 'resolved' })).status).toBe(200);
  await waitUntil(async () => (await assigneesOf(stack, inboxId)).get(older) === agents[0].id, 'the older one to be assigned');
});

it('the fair-distribution limit holds an agent back until their window moves on', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, {
    agents: 1,
    settings: { assignment_policy: { fair_distribution_limit: 2, fair_distribution_window_seconds: 3600 } },
  });
  await setAvailability(stack, account, agents[0], 'online');
  await openConversations(stack, account, inboxId, 3);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 1, 'two to be assigned');
  await waitForRouterIdle(stack, inboxId);
  expect(await countWaiting(stack, inboxId)).toBe(1);

  // An hour later (the window's assignments moved back in time), the router's next look assigns the third.
  await stack.db.update(automaticAssignments).set({ assignedAt: sql`now() - interval '2 hours'` }).where(eq(automaticAssignments.inboxId, inboxId));
  expect((await client.patch(`${base}/inboxes/${inboxId}`, { assignment_policy: { fair_distribution_window_seconds: 3600 } })).status).toBe(200);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 0, 'the third to be assigned');
});

it('an agent sees their own load against their limits', async ({ stack, account }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 1, settings: { auto_assignment_config: { max_assignment_limit: 4 } } });
  await setAvailability(stack, account, agents[0], 'online');
  await openConversations(stack, account, inboxId, 2);
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 0, 'both to be assigned');
  const load = await apiClient(stack, agents[0].token).get(`/api/v1/accounts/${account.account.id}/assignment_load`);
  expect(load.status).toBe(200);
  expect(load.body).toMatchObject({ availability_status: 'online', open_conversations_count: 2 });
  expect(load.body.inboxes).toEqual([expect.objectContaining({ inbox_id: inboxId, open_conversations_count: 2, max_assignment_limit: 4 })]);
});

it('presence: an agent whose consoles have all been closed a while counts as offline; opening one again restores what they chose', async ({ stack, account, client, base }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 1 });
  const [ana] = agents;
  const anaClient = apiClient(stack, ana.token);
  const effective = async () => (await client.get(`${base}/agents`)).body.find((agent: { id: number }) => agent.id === ana.id).effective_availability;
  // auto_offline stays on (the default): presence counts.
  expect((await anaClient.post('/api/v1/profile/availability', { account_id: account.account.id, availability: 'online' })).status).toBe(200);
  expect(await effective()).toBe('online');

  // Her console closed longer ago than PRESENCE_OFFLINE_AFTER: she is offline, whatever she chose, and gets nothing.
  const lapse = () => stack.db.update(accountMemberships).set({ presenceExpiresAt: sql`now() - interval '1 second'` }).where(and(eq(accountMemberships.userId, ana.id), eq(accountMemberships.accountId, account.account.id)));
  await lapse();
  expect(await effective()).toBe('offline');
  await openConversations(stack, account, inboxId, 1);
  await waitForRouterIdle(stack, inboxId);
  expect(await countWaiting(stack, inboxId)).toBe(1);

  // She opens the console (its live event stream): online again, and the waiting conversation comes to her.
  const stream = await anaClient.raw(`${base}/events`);
  expect(stream.status).toBe(200);
  const events = readEventStream(stream);
  await events.waitFor((event) => event.event === 'ready');
  await waitUntil(async () => (await countWaiting(stack, inboxId)) === 0, 'the waiting conversation to go to Ana');
  expect(await effective()).toBe('online');
  await events.close();

  // A manual "offline" is never flipped to online by opening the console.
  expect((await anaClient.post('/api/v1/profile/availability', { account_id: account.account.id, availability: 'offline' })).status).toBe(200);
  await lapse();
  const again = readEventStream(await anaClient.raw(`${base}/events`));
  await again.waitFor((event) => event.event === 'ready');
  await waitUntil(async () => (await stack.db.select().from(accountMemberships).where(eq(accountMemberships.userId, ana.id)))[0].presenceExpiresAt! > new Date(), 'the stream to record presence');
  expect(await effective()).toBe('offline');
  await again.close();
});

it('an account-wide limit caps an agent across all inboxes; only administrators set it', async ({ stack, account, base, client }) => {
  const { inboxId: firstInbox, agents } = await createRoutedInbox(stack, account, { agents: 1 });
  const [ana] = agents;
  const { inboxId: secondInbox } = await createRoutedInbox(stack, account, { agents: 0 });
  expect((await client.post(`${base}/inbox_members`, { inbox_id: secondInbox, user_ids: [ana.id] })).status).toBe(200);
  expect((await apiClient(stack, ana.token).patch(base, { max_open_conversations_per_agent: 99 })).status).toBe(403);
  const limited = await client.patch(base, { max_open_conversations_per_agent: 3 });
  expect(limited.status).toBe(200);
  expect(limited.body).toMatchObject({ max_open_conversations_per_agent: 3 });
  try {
    await setAvailability(stack, account, ana, 'online');
    await openConversations(stack, account, firstInbox, 2);
    await openConversations(stack, account, secondInbox, 2);
    await waitUntil(async () => (await countWaiting(stack, firstInbox)) + (await countWaiting(stack, secondInbox)) === 1, 'three to be assigned');
    await waitForRouterIdle(stack, firstInbox);
    await waitForRouterIdle(stack, secondInbox);
    expect(((await loadsOf(stack, firstInbox)).get(ana.id) ?? 0) + ((await loadsOf(stack, secondInbox)).get(ana.id) ?? 0)).toBe(3);

    // Lifting it lets the last one through.
    expect((await client.patch(base, { max_open_conversations_per_agent: null })).status).toBe(200);
    await waitUntil(async () => (await countWaiting(stack, firstInbox)) + (await countWaiting(stack, secondInbox)) === 0, 'the last one to be assigned');
  } finally {
    await client.patch(base, { max_open_conversations_per_agent: null });
  }
});

it('bad routing settings answer 422 naming the field and change nothing; another inbox’s assignable agents answer 404', async ({ stack, account, base, client }) => {
  const { inboxId } = await createRoutedInbox(stack, account, { agents: 1, settings: { auto_assignment_config: { max_assignment_limit: 2 } } });
  const before = (await client.get(`${base}/inboxes/${inboxId}`)).body;
  const zero = await client.patch(`${base}/inboxes/${inboxId}`, { auto_assignment_config: { max_assignment_limit: 0 } });
  expect(zero.status).toBe(422);
  expect(zero.body.error.field).toBe('auto_assignment_config.max_assignment_limit');
  const strategy = await client.patch(`${base}/inboxes/${inboxId}`, { assignment_policy: { strategy: 'random' } });
  expect(strategy.status).toBe(422);
  expect(strategy.body.error.field).toBe('assignment_policy.strategy');
  // A stranger among the per-agent limits: refused whole, the inbox's own limit unchanged too.
  const stranger = await client.patch(`${base}/inboxes/${inboxId}`, {
    auto_assignment_config: { max_assignment_limit: 9 },
    assignment_policy: { agent_limits: [{ user_id: account.outsider.id, max_assignment_limit: 3 }] },
  });
  expect(stranger.status).toBe(422);
  expect(stranger.body.error.field).toBe('assignment_policy.agent_limits');
  expect((await client.get(`${base}/inboxes/${inboxId}`)).body).toEqual(before);

  const outsider = apiClient(stack, account.outsider.token);
  expect((await outsider.get(`${base}/assignable_agents?inbox_ids[]=${inboxId}`)).status).toBe(404);
  expect((await outsider.patch(`${base}/inboxes/${inboxId}`, { enable_auto_assignment: false })).status).toBe(403);
  expect((await client.get(`${base}/assignable_agents`)).body.error.field).toBe('inbox_ids');
});

it('a conversation given to a team goes to one of that team’s members only, while others go to anyone', async ({ stack, account, base, client }) => {
  const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 2 });
  const [ana, bruno] = agents;
  const team = (await client.post(`${base}/teams`, { name: `Billing ${inboxId}` })).body;
  expect((await client.post(`${base}/teams/${team.id}/team_members`, { user_ids: [bruno.id] })).status).toBe(200);
  // Everyone is offline while the conversation gets its team, so nothing is assigned before.
  const [billing] = await openConversations(stack, account, inboxId, 1);
  expect((await client.post(`${base}/conversations/${billing}/assignments`, { team_id: team.id })).status).toBe(200);

  // Ana, first in the inbox and free, is not in Billing: the conversation waits for Bruno.
  await setAvailability(stack, account, ana, 'online');
  await waitForRouterIdle(stack, inboxId);
  expect((await client.get(`${base}/conversations/${billing}`)).body.meta.assignee).toBeNull();
  await setAvailability(stack, account, bruno, 'online');
  await waitUntil(async () => (await client.get(`${base}/conversations/${billing}`)).body.meta.assignee?.id === bruno.id, 'Bruno to get the Billing conversation');

  // A conversation without a team still goes to whoever the strategy picks, Ana included.
  const [anyone] = await openConversations(stack, account, inboxId, 1);
  await waitUntil(async () => (await client.get(`${base}/conversations/${anyone}`)).body.meta.assignee !== null, 'the team-less conversation to be assigned');
});
