import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

const paths = ['/reports?metric=conversations_count', '/reports/summary', '/reports/conversations', '/reports/overview', '/reports/download?report=agent', '/summary_reports/agent', '/summary_reports/inbox', '/summary_reports/team', '/summary_reports/label'];

it('only administrators of the account read reports: agents get 403, other accounts 404, no token 401', async ({ stack, account, otherAccount, client: admin }) => {
  const v2 = `/api/v2/accounts/${account.account.id}`;
  const agent = apiClient(stack, account.agent.token);
  const stranger = apiClient(stack, otherAccount.admin.token);
  const anonymous = apiClient(stack, '');
  for (const path of paths) {
    expect((await admin.get(`${v2}${path}`)).status, path).toBe(200);
    expect((await agent.get(`${v2}${path}`)).status, path).toBe(403);
    expect((await stranger.get(`${v2}${path}`)).status, path).toBe(404);
    expect((await anonymous.get(`${v2}${path}`)).status, path).toBe(401);
  }
});

it('a report about another account’s label or agent is a 404, never its figures', async ({ account, otherAccount, client: admin, stack }) => {
  const theirs = (await apiClient(stack, otherAccount.admin.token).post(`/api/v1/accounts/${otherAccount.account.id}/labels`, { title: 'secret' })).body;
  const v2 = `/api/v2/accounts/${account.account.id}`;
  expect((await admin.get(`${v2}/reports/summary?type=label&id=${theirs.id}`)).status).toBe(404);
  expect((await admin.get(`${v2}/reports/summary?type=agent&id=${otherAccount.admin.id}`)).status).toBe(404);
});
