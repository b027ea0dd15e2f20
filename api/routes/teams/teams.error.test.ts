import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { teams } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';

const it = apiTest({ worker: false }).extend('countTeams', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(teams).where(eq(teams.accountId, account.account.id)))[0].n),
);

describe('teams: bad input', () => {
  it('validates fields, naming them, and writes nothing', async ({ base, client: admin, countTeams }) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(300) }, 'name'],
      [{ name: 'Ok', allow_auto_assign: 'yes' }, 'allow_auto_assign'],
      [{ name: 'Ok', description: 5 }, 'description'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post(`${base}/teams`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await countTeams()).toBe(0);
  });

  it('refuses a duplicate name on create and rename', async ({ base, client: admin, countTeams }) => {
    await admin.post(`${base}/teams`, { name: 'Sales' });
    const other = (await admin.post(`${base}/teams`, { name: 'Presales' })).body;
    const before = await countTeams();
    const duplicate = await admin.post(`${base}/teams`, { name: 'Sales' });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.field).toBe('name');
    expect(await countTeams()).toBe(before);
    expect((await admin.patch(`${base}/teams/${other.id}`, { name: 'Sales' })).body.error.field).toBe('name');
  });

  it('refuses members from outside the account, naming user_ids, and adds none of the list', async ({ base, client: admin, account, otherAccount }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Mixed' })).body;
    const refused = await admin.post(`${base}/teams/${team.id}/team_members`, { user_ids: [account.agent.id, otherAccount.agent.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('user_ids');
    expect((await admin.get(`${base}/teams/${team.id}/team_members`)).body).toEqual([]);
    expect((await admin.post(`${base}/teams/${team.id}/team_members`, { user_ids: 'all' })).body.error.field).toBe('user_ids');
  });

  it('answers 404 for a team that does not exist, and 422 when a conversation is given one', async ({ stack, account, base, client: admin }) => {
    expect((await admin.get(`${base}/teams/999999`)).status).toBe(404);
    expect((await admin.patch(`${base}/teams/999999`, { name: 'x' })).status).toBe(404);
    expect((await admin.delete(`${base}/teams/999999`)).status).toBe(404);
    expect((await admin.get(`${base}/teams/999999/team_members`)).status).toBe(404);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Nina Noteam' });
    const id = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const refused = await admin.post(`${base}/conversations/${id}/assignments`, { team_id: 999999 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('team_id');
  });

  it('refuses naming an assignee together with a team they are not in, and changes nothing', async ({ stack, account, base, client: admin }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Closed' })).body;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Omar Outside' });
    const id = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const refused = await admin.post(`${base}/conversations/${id}/assignments`, { team_id: team.id, assignee_id: account.agent.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('assignee_id');
    const shown = (await admin.get(`${base}/conversations/${id}`)).body;
    expect(shown.meta).toMatchObject({ assignee: null, team: null });
  });
});
