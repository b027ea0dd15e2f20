import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { reportingEvents, reportRollups } from '../../../db/schema/index.js';
import { rebuildAccountReporting } from '../../../core/services/reports/rebuild.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest();

/** A small deterministic generator, so a failure replays the same data set. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

it('the rebuild recomputes exactly the events and rollups written as things happened, on a generated data set', { timeout: 180_000 }, async ({ stack, account, client: admin, base }) => {
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, closed_all_day: day === 0, open_hour: 8, open_minutes: 0, close_hour: 18, close_minutes: 30 }));
  expect((await admin.patch(`${base}/inboxes/${account.apiInbox.id}`, { working_hours_enabled: true, timezone: 'America/Sao_Paulo', working_hours: weekdays })).status).toBe(200);
  const agent = apiClient(stack, account.agent.token);
  const team = (await admin.post(`${base}/teams`, { name: 'Billing' })).body;
  await admin.post(`${base}/teams/${team.id}/team_members`, { user_ids: [account.agent.id] });
  const random = generator(13);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  let resolutions = 0;

  for (let n = 0; n < 10; n++) {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: `Customer ${n}` });
    const inboxId = pick([account.apiInbox.id, account.inbox.id]);
    const id = (await admin.post(`${base}/conversations`, { inbox_id: inboxId, contact_id: contact.id })).body.id;
    const path = `${base}/conversations/${id}`;
    for (let step = 0; step < 8; step++) {
      const action = pick(['incoming', 'incoming', 'reply', 'agent_reply', 'note', 'labels', 'assign', 'team', 'resolve']);
      if (action === 'incoming') await admin.post(`${path}/messages`, { content: `question ${step}`, message_type: 'incoming' });
      if (action === 'reply') await admin.post(`${path}/messages`, { content: `answer ${step}` });
      if (action === 'agent_reply' && inboxId === account.apiInbox.id) await agent.post(`${path}/messages`, { content: `agent answer ${step}` });
      if (action === 'note') await admin.post(`${path}/messages`, { content: `note ${step}`, private: true });
      if (action === 'labels') await admin.post(`${path}/labels`, { labels: pick([['billing'], ['billing', 'vip'], []]) });
      if (action === 'assign') await admin.post(`${path}/assignments`, { assignee_id: pick([account.agent.id, account.admin.id, null]) });
      if (action === 'team') await admin.post(`${path}/assignments`, { team_id: pick([team.id, null]) });
      if (action === 'resolve') {
        const shown = await admin.get(path);
        if (shown.body.status !== 'open') continue;
        expect((await admin.post(`${path}/toggle_status`, { status: 'resolved' })).status).toBe(200);
        await waitUntil(async () => (await admin.get(path)).body.status === 'resolved', 'the resolution');
        resolutions++;
        // The customer writing again reopens it: its next resolution counts too.
        await admin.post(`${path}/messages`, { content: 'one more thing', message_type: 'incoming' });
        await waitUntil(async () => (await admin.get(path)).body.status === 'open', 'the reopening');
      }
    }
  }

  const snapshot = async () => ({
    events: (await stack.db.select().from(reportingEvents).where(eq(reportingEvents.accountId, account.account.id)).orderBy(asc(reportingEvents.conversationId), asc(reportingEvents.name), asc(reportingEvents.sourceMessageId)))
      .map(({ id: _id, ...event }) => event),
    rollups: await stack.db
      .select()
      .from(reportRollups)
      .where(eq(reportRollups.accountId, account.account.id))
      .orderBy(asc(reportRollups.hour), asc(reportRollups.labelId), asc(reportRollups.inboxId), asc(reportRollups.userId), asc(reportRollups.teamId)),
  });
  const incremental = await snapshot();
  // The data set exercises every kind of event.
  const names = new Set(incremental.events.map((e) => e.name));
  expect([...names].sort()).toEqual(['conversation_created', 'conversation_resolved', 'first_response', 'message_incoming', 'message_outgoing', 'reply_time']);
  expect(incremental.events.filter((e) => e.name === 'conversation_resolved')).toHaveLength(resolutions);
  expect(incremental.rollups.some((r) => r.labelId !== 0)).toBe(true);

  const result = await rebuildAccountReporting(stack.db, account.account.id);
  expect(result.conversations).toBe(10);
  const rebuilt = await snapshot();
  expect(rebuilt.events).toEqual(incremental.events);
  expect(rebuilt.rollups).toEqual(incremental.rollups);
});
