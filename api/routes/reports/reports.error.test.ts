import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';

const it = apiTest({ worker: false });

it('bad report filters get a 422 naming the field, unknown entities a 404', async ({ account, client: admin }) => {
  const v2 = `/api/v2/accounts/${account.account.id}`;
  const cases: Array<[string, number, string | undefined]> = [
    ['/reports?metric=happiness', 422, 'metric'],
    ['/reports', 422, 'metric'],
    ['/reports/summary?since=2000&until=1000', 422, 'since'],
    ['/reports/summary?type=agent', 422, 'id'],
    ['/reports/summary?type=galaxy&id=1', 422, 'type'],
    ['/reports/summary?timezone=Mars/Olympus', 422, 'timezone'],
    ['/reports/summary?business_hours=maybe', 422, 'business_hours'],
    [`/reports?metric=conversations_count&group_by=hour&since=1&until=${1 + 400 * 86400}`, 422, 'group_by'],
    ['/summary_reports/agent?timezone_offset=99', 422, 'timezone_offset'],
    ['/reports/download?report=planets', 422, 'report'],
    ['/reports/summary?type=team&id=999999', 404, undefined],
  ];
  for (const [path, status, field] of cases) {
    const response = await admin.get(`${v2}${path}`);
    expect(response.status, path).toBe(status);
    if (field) expect(response.body.error.field, path).toBe(field);
  }
});
