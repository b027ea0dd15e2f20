import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { cannedResponses } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';

const it = apiTest({ worker: false }).extend('countResponses', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(cannedResponses).where(eq(cannedResponses.accountId, account.account.id)))[0].n),
);

describe('canned responses: bad input', () => {
  it('names the field and writes nothing', async ({ base, client, countResponses }) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ content: 'no code' }, 'short_code'],
      [{ short_code: '', content: 'x' }, 'short_code'],
      [{ short_code: 'two words', content: 'x' }, 'short_code'],
      [{ short_code: 'x'.repeat(101), content: 'x' }, 'short_code'],
      [{ short_code: 'ok' }, 'content'],
      [{ short_code: 'ok', content: '   ' }, 'content'],
      [{ short_code: 'ok', content: 'x'.repeat(10_001) }, 'content'],
    ];
    for (const [body, field] of cases) {
      const response = await client.post(`${base}/canned_responses`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await countResponses()).toBe(0);
  });

  it('refuses a short code already used in the account, on create and on rename', async ({ base, client, countResponses }) => {
    await client.post(`${base}/canned_responses`, { short_code: 'thanks', content: 'Thank you!' });
    const other = (await client.post(`${base}/canned_responses`, { short_code: 'bye', content: 'Bye!' })).body;
    const duplicate = await client.post(`${base}/canned_responses`, { short_code: 'thanks', content: 'Again' });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.field).toBe('short_code');
    const rename = await client.patch(`${base}/canned_responses/${other.id}`, { short_code: 'thanks' });
    expect(rename.status).toBe(422);
    expect(rename.body.error.field).toBe('short_code');
    expect(await countResponses()).toBe(2);
    expect((await client.patch(`${base}/canned_responses/${other.id}`, { short_code: 'bye' })).status).toBe(200);
  });

  it('answers 404 for a response that does not exist', async ({ base, client }) => {
    expect((await client.patch(`${base}/canned_responses/999999`, { content: 'x' })).status).toBe(404);
    expect((await client.delete(`${base}/canned_responses/999999`)).status).toBe(404);
  });
});
