import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { customRoles } from '../../../db/schema/index.js';

const it = apiTest({ worker: false }).extend('countRoles', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(customRoles).where(eq(customRoles.accountId, account.account.id)))[0].n),
);

describe('custom roles: bad input', () => {
  it('names the bad field and writes nothing', async ({ base, client: admin, countRoles }) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ permissions: [] }, 'name'],
      [{ name: '  ', permissions: [] }, 'name'],
      [{ name: 'x' }, 'permissions'],
      [{ name: 'x', permissions: ['fly'] }, 'permissions.0'],
      [{ name: 'x', permissions: 'contact_manage' }, 'permissions'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post(`${base}/custom_roles`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await countRoles()).toBe(0);
  });

  it('refuses a duplicate name (any case) and an unknown role on an agent', async ({ base, account, client: admin, countRoles }) => {
    await admin.post(`${base}/custom_roles`, { name: 'Night shift', permissions: [] });
    const duplicate = await admin.post(`${base}/custom_roles`, { name: 'NIGHT SHIFT', permissions: [] });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.field).toBe('name');
    expect(await countRoles()).toBe(1);
    const unknown = await admin.patch(`${base}/agents/${account.agent.id}`, { custom_role_id: 999999 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe('custom_role_id');
    expect((await admin.patch(`${base}/custom_roles/999999`, { name: 'x' })).status).toBe(404);
    expect((await admin.delete(`${base}/custom_roles/999999`)).status).toBe(404);
  });
});
