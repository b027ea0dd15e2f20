import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/domain/csv.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contact CSV export through the Application API', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;
  const exported = async (query = '') => {
    const response = await agent.raw(`${base}/contacts/export${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    return parseCsv(Buffer.from(await response.arrayBuffer())).map((record) => record.fields);
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
    await apiClient(stack, account.admin.token).post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Tier', attribute_display_type: 'number', attribute_key: 'tier', attribute_model: 'contact_attribute' });
    await agent.post(`${base}/contacts`, { name: 'Rita Recife', email: 'rita@example.test', additional_attributes: { city: 'Recife', company_name: 'Initech' }, custom_attributes: { tier: 2 } });
    await agent.post(`${base}/contacts`, { name: '=HYPERLINK("http://evil.test")', email: 'formula@example.test', additional_attributes: { city: 'Recife' } });
    await agent.post(`${base}/contacts`, { name: 'Nuno Natal', phone_number: '+5584900000001', additional_attributes: { city: 'Natal' } });
  });
  afterAll(() => stack.close());

  it('exports the contacts matching the filter in the import’s columns, formulas defused', async () => {
    const payload = encodeURIComponent(JSON.stringify([{ attribute_key: 'city', filter_operator: 'equal_to', values: ['Recife'], query_operator: null }]));
    const rows = await exported(`?payload=${payload}`);
    expect(rows[0]).toEqual(['name', 'email', 'phone_number', 'identifier', 'city', 'country', 'company_name', 'tier', 'id', 'created_at']);
    expect(rows.slice(1).map((row) => row.slice(0, 8))).toEqual([
      ['Rita Recife', 'rita@example.test', '', '', 'Recife', '', 'Initech', '2'],
      // A spreadsheet opening the file shows the name as text instead of running it.
      ["'=HYPERLINK(\"http://evil.test\")", 'formula@example.test', '', '', 'Recife', '', '', ''],
    ]);
  });

  it('exports a search, or everyone, and streams past one page of rows', async () => {
    expect((await exported('?q=natal')).slice(1).map((row) => row[0])).toEqual(['Nuno Natal']);
    const values = Array.from({ length: 1500 }, (_, n) => `(${account.account.id}, 'Bulk ${n}', 'bulk-${n}@example.test')`).join(',');
    await stack.sql.unsafe(`insert into contacts (account_id, name, email) values ${values}`);
    const everyone = await exported();
    expect(everyone).toHaveLength(1 + 3 + 1500);
    expect(new Set(everyone.slice(1).map((row) => row[8])).size).toBe(1503);
  });

  it('refuses a filter that is not JSON or pairs an attribute with an operator it lacks, naming the field', async () => {
    const notJson = await agent.get(`${base}/contacts/export?payload=not-json`);
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.field).toBe('payload');
    const unknown = await agent.get(`${base}/contacts/export?payload=${encodeURIComponent(JSON.stringify([{ attribute_key: 'created_at', filter_operator: 'contains', values: ['9'] }]))}`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toContain('filter_operator');
  });
});
