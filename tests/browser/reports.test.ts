import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';

const it = browserTest({ worker: false });

/** Creates a conversation in the API inbox with a customer message, as a channel would. */
async function customerWrites(ctx: { stack: any; account: any; client: any; base: string }, name: string, replies = 0) {
  const contact = await insertContact(ctx.stack.db, { accountId: ctx.account.account.id, name });
  const id = (await ctx.client.post(`${ctx.base}/conversations`, { inbox_id: ctx.account.apiInbox.id, contact_id: contact.id })).body.id as number;
  expect((await ctx.client.post(`${ctx.base}/conversations/${id}/messages`, { content: `Hello from ${name}`, message_type: 'incoming' })).status).toBe(200);
  const agent = apiClient(ctx.stack, ctx.account.agent.token);
  for (let reply = 0; reply < replies; reply++) expect((await agent.post(`${ctx.base}/conversations/${id}/messages`, { content: `Reply ${reply + 1}` })).status).toBe(200);
  return id;
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell])));
}

describe('the reports console', () => {
  it('updates the overview live when a conversation is created, without a reload', { timeout: 120_000 }, async ({ stack, account, client, base, signedInPage }) => {
    const page = await signedInPage(account.admin);
    await page.getByTestId('nav-reports').click();
    await page.waitForURL(/\/reports\/overview/);
    const open = page.getByTestId('overview-open');
    await expect.poll(() => open.count(), { timeout: 15_000 }).toBe(1);
    // Wait for the live stream, so the event is not missed before the page listens.
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-connected'), { timeout: 15_000 }).toBe('true');
    const before = Number(await open.textContent());
    const heatmapBefore = await page.locator('[data-testid="heatmap-cell"]').evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number(cell.getAttribute('data-count')), 0));
    // A marker on the window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { reportsMarker: string }).reportsMarker = 'still here'));

    await customerWrites({ stack, account, client, base }, 'Live Lucia');

    await expect.poll(async () => Number(await open.textContent()), { timeout: 15_000 }).toBe(before + 1);
    const heatmapAfter = await page.locator('[data-testid="heatmap-cell"]').evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number(cell.getAttribute('data-count')), 0));
    expect(heatmapAfter).toBe(heatmapBefore + 1);
    expect(await page.evaluate(() => (window as unknown as { reportsMarker?: string }).reportsMarker)).toBe('still here');
  });

  it('shows the same numbers in the conversations report’s charts as in its CSV download', { timeout: 120_000 }, async ({ stack, account, client, base, signedInPage }) => {
    await customerWrites({ stack, account, client, base }, 'Chart Carla', 2);
    await customerWrites({ stack, account, client, base }, 'Chart Caio', 1);

    const page = await signedInPage(account.admin, { acceptDownloads: true });
    await page.goto(page.url().replace(/\/conversations.*$/, '/reports/conversations'));
    const conversationsChart = page.getByTestId('chart-conversations_count').getByTestId('chart-point');
    await expect.poll(() => conversationsChart.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(7);

    const chartValues = async (metric: string) =>
      page
        .getByTestId(`chart-${metric}`)
        .getByTestId('chart-point')
        .evaluateAll((points) => points.map((point) => Number(point.getAttribute('data-value'))));
    const shown = {
      conversations_count: await chartValues('conversations_count'),
      incoming_messages_count: await chartValues('incoming_messages_count'),
      outgoing_messages_count: await chartValues('outgoing_messages_count'),
      avg_first_response_time: await chartValues('avg_first_response_time'),
    };
    // Everything written in this file so far is in the period: at least this test's two conversations.
    expect(shown.conversations_count.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(shown.outgoing_messages_count.reduce((a, b) => a + b, 0)).toBe(3);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
    const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(rows).toHaveLength(shown.conversations_count.length);
    for (const metric of Object.keys(shown) as (keyof typeof shown)[]) {
      // The CSV rounds to two decimals; the chart keeps the API's value.
      expect(rows.map((row) => Number(row[metric])), metric).toEqual(shown[metric].map((value) => Math.round(value * 100) / 100));
    }

    // The summary card counts what the chart shows.
    expect(Number(await page.getByTestId('summary-conversations_count').getByTestId('summary-value').textContent())).toBe(shown.conversations_count.reduce((a, b) => a + b, 0));
  });

  it('lists every agent in a sortable table whose CSV matches it', { timeout: 120_000 }, async ({ account, signedInPage }) => {
    const page = await signedInPage(account.admin, { acceptDownloads: true });
    await page.goto(page.url().replace(/\/conversations.*$/, '/reports/agents'));
    const rows = page.getByTestId('report-entity-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const column = (name: string) => page.locator(`[data-testid="report-entity-row"] td[data-column="${name}"]`).allTextContents();

    // Sorted by outgoing messages, most first, then reversed by the same header, from the keyboard.
    await page.getByTestId('sort-outgoing_messages_count').click();
    const descending = (await column('outgoing_messages_count')).map(Number);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBe(3);
    await page.getByTestId('sort-outgoing_messages_count').focus();
    await page.keyboard.press('Enter');
    const ascending = (await column('outgoing_messages_count')).map(Number);
    expect(ascending).toEqual([...descending].reverse());

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download-table').click()]);
    const csv = parseCsv(await readFile((await download.path())!, 'utf8'));
    const shownByName = Object.fromEntries((await column('name')).map((name, index) => [name, ascending[index]]));
    expect(Object.fromEntries(csv.map((row) => [row.name, Number(row.outgoing_messages_count)]))).toEqual(shownByName);
  });

  it('shows no reports entry to an agent, and says why on the address itself', { timeout: 60_000 }, async ({ account, signedInPage }) => {
    const page = await signedInPage(account.agent);
    expect(await page.getByTestId('nav-conversations').count()).toBe(1);
    expect(await page.getByTestId('nav-reports').count()).toBe(0);
    await page.goto(page.url().replace(/\/conversations.*$/, '/reports/overview'));
    await expect.poll(() => page.getByTestId('reports-forbidden').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('overview-open').count()).toBe(0);
  });
});
