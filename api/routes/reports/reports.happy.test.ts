import { expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest();
const day = 86_400;

it('summary, time series, entity tables, live counts and CSV count one answered and resolved conversation, in Chatwoot’s shapes', { timeout: 90_000 }, async ({ stack, account, client: admin, base }) => {
  const v2 = `/api/v2/accounts/${account.account.id}`;
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Rita Report' });
  const label = (await admin.post(`${base}/labels`, { title: 'refund' })).body;
  const id = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
  await admin.post(`${base}/conversations/${id}/messages`, { content: 'Where is my refund?', message_type: 'incoming' });
  await admin.post(`${base}/conversations/${id}/messages`, { content: 'An internal note', private: true });
  await apiClient(stack, account.agent.token).post(`${base}/conversations/${id}/messages`, { content: 'It is on its way' });
  await admin.post(`${base}/conversations/${id}/labels`, { labels: ['refund'] });
  const waiting = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;

  const live = await admin.get(`${v2}/reports/conversations`);
  expect(live.body).toEqual({ open: 2, unattended: 1, unassigned: 2, pending: 0 });

  expect((await admin.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' })).status).toBe(200);
  await waitUntil(async () => (await admin.get(`${base}/conversations/${id}`)).body.status === 'resolved', 'the resolution');

  const summary = await admin.get(`${v2}/reports/summary`);
  expect(summary.status).toBe(200);
  // Chatwoot's summary keys, plus Parley's medians.
  expect(Object.keys(summary.body).sort()).toEqual(
    ['avg_first_response_time', 'avg_resolution_time', 'conversations_count', 'incoming_messages_count', 'median_first_response_time', 'median_reply_time', 'median_resolution_time', 'outgoing_messages_count', 'previous', 'reply_time', 'resolutions_count'].sort(),
  );
  expect(summary.body).toMatchObject({ conversations_count: 2, incoming_messages_count: 1, outgoing_messages_count: 1, resolutions_count: 1 });
  expect(summary.body.avg_first_response_time).toBeGreaterThan(0);
  expect(summary.body.median_first_response_time).toBe(summary.body.avg_first_response_time);
  expect(summary.body.reply_time).toBeGreaterThan(0);
  expect(summary.body.previous).toMatchObject({ conversations_count: 0, resolutions_count: 0, avg_first_response_time: 0, median_first_response_time: null });

  // Seven whole UTC days ending today: a point per day, today's holding the conversations.
  const today = Math.floor(Date.now() / 1000 / day) * day;
  const range = `since=${today - 6 * day}&until=${today + day}`;
  const series = await admin.get(`${v2}/reports?metric=conversations_count&type=account&group_by=day&${range}`);
  expect(series.body).toHaveLength(7);
  expect(series.body.at(-1)).toEqual({ value: 2, timestamp: today });
  expect(series.body.slice(0, 6).every((point: { value: number }) => point.value === 0)).toBe(true);
  const frt = await admin.get(`${v2}/reports?metric=avg_first_response_time&group_by=day&${range}`);
  expect(frt.body.at(-1)).toEqual({ value: summary.body.avg_first_response_time, timestamp: today, count: 1 });
  const byLabel = await admin.get(`${v2}/reports?metric=conversations_count&type=label&id=${label.id}&${range}`);
  expect(byLabel.body.at(-1).value).toBe(1);

  const agents = await admin.get(`${v2}/summary_reports/agent`);
  const alan = agents.body.find((row: { id: number }) => row.id === account.agent.id);
  expect(alan).toMatchObject({ name: 'Alan Agent', outgoing_messages_count: 1, avg_first_response_time: summary.body.avg_first_response_time });
  expect(agents.body.find((row: { id: number }) => row.id === account.outsider.id)).toMatchObject({ conversations_count: 0, avg_first_response_time: null });
  const inboxes = await admin.get(`${v2}/summary_reports/inbox`);
  expect(inboxes.body.find((row: { id: number }) => row.id === account.apiInbox.id)).toMatchObject({ conversations_count: 2, resolved_conversations_count: 1 });
  const labels = await admin.get(`${v2}/summary_reports/label`);
  expect(labels.body).toEqual([expect.objectContaining({ id: label.id, name: 'refund', conversations_count: 1, resolved_conversations_count: 1 })]);

  const csv = await admin.get(`${v2}/reports/download?report=conversations&group_by=day&${range}`);
  expect(csv.headers.get('content-type')).toContain('text/csv');
  const lines = (csv.body as string).trim().split('\n');
  expect(lines).toHaveLength(8);
  expect(lines[0]).toBe('period_start,conversations_count,avg_first_response_time,reply_time,avg_resolution_time,resolutions_count,incoming_messages_count,outgoing_messages_count');
  expect(lines.at(-1)!.split(',').slice(1, 2)).toEqual(['2']);
  const agentCsv = await admin.get(`${v2}/reports/download?report=agent`);
  expect(agentCsv.body).toContain(`${account.agent.id},Alan Agent,`);

  const overview = await admin.get(`${v2}/reports/overview?timezone=America/Sao_Paulo`);
  expect(overview.body.conversations).toEqual({ open: 1, unattended: 1, unassigned: 1, pending: 0 });
  expect(overview.body.agents_status.offline + overview.body.agents_status.online + overview.body.agents_status.busy).toBe(3);
  const cells = overview.body.heatmap as { day_of_week: number; hour: number; count: number }[];
  const now = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Sao_Paulo', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const localHour = Number(now.find((p) => p.type === 'hour')!.value);
  expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(2);
  expect(cells.some((cell) => cell.hour === localHour || cell.hour === (localHour + 23) % 24)).toBe(true);
  void waiting;
});

it('business-hours mode counts only the inbox’s open hours: an inbox closed every day has no business time', { timeout: 60_000 }, async ({ stack, account, client: admin, base }) => {
  const v2 = `/api/v2/accounts/${account.account.id}`;
  const closed = [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day_of_week: d, closed_all_day: true, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null }));
  const inbox = (await admin.post(`${base}/inboxes`, { name: 'Closed', channel: { type: 'api' } })).body;
  await admin.patch(`${base}/inboxes/${inbox.id}`, { working_hours_enabled: true, timezone: 'Europe/Lisbon', working_hours: closed });
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Night Owl' });
  const id = (await admin.post(`${base}/conversations`, { inbox_id: inbox.id, contact_id: contact.id })).body.id;
  await admin.post(`${base}/conversations/${id}/messages`, { content: 'Hello?', message_type: 'incoming' });
  await admin.post(`${base}/conversations/${id}/messages`, { content: 'Hi!' });
  const all = await admin.get(`${v2}/reports/summary?type=inbox&id=${inbox.id}`);
  const business = await admin.get(`${v2}/reports/summary?type=inbox&id=${inbox.id}&business_hours=true`);
  expect(all.body.avg_first_response_time).toBeGreaterThan(0);
  expect(business.body).toMatchObject({ conversations_count: 1, avg_first_response_time: 0, median_first_response_time: 0 });
});
