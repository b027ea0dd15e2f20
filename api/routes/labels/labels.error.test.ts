import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { labels } from '../../../db/schema/index.js';

const it = apiTest({ worker: false }).extend('countLabels', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(labels).where(eq(labels.accountId, account.account.id)))[0].n),
);

describe('labels: bad input', () => {
  it('validates title and colour, naming the field, and writes nothing', async ({ base, client: admin, countLabels }) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: 'has space' }, 'title'],
      [{ title: 'emoji🙂' }, 'title'],
      [{ title: '' }, 'title'],
      [{}, 'title'],
      [{ title: 'ok', color: 'blue' }, 'color'],
      [{ title: 'ok', color: '#abc' }, 'color'],
      [{ title: 'ok', show_on_sidebar: 'yes' }, 'show_on_sidebar'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post(`${base}/labels`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await countLabels()).toBe(0);
  });

  it('refuses a duplicate title (any case) on create and rename', async ({ base, client: admin, countLabels }) => {
    await admin.post(`${base}/labels`, { title: 'urgent' });
    const other = await admin.post(`${base}/labels`, { title: 'later' });
    const before = await countLabels();
    const duplicate = await admin.post(`${base}/labels`, { title: 'URGENT' });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.field).toBe('title');
    expect(await countLabels()).toBe(before);
    const rename = await admin.patch(`${base}/labels/${other.body.id}`, { title: 'urgent' });
    expect(rename.status).toBe(422);
    expect(rename.body.error.field).toBe('title');
    // Renaming a label to its own title is fine.
    expect((await admin.patch(`${base}/labels/${other.body.id}`, { title: 'later' })).status).toBe(200);
  });

  it('answers 404 for a label that does not exist', async ({ base, client: admin }) => {
    expect((await admin.patch(`${base}/labels/999999`, { color: '#000000' })).status).toBe(404);
    expect((await admin.delete(`${base}/labels/999999`)).status).toBe(404);
  });
});
