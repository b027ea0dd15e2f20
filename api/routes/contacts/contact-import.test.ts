import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { pngOfSize } from '../../../tests/support/multipart.js';
import { startWebhookReceiver } from '../../../tests/support/webhook-receiver.js';
import { testWebhookSettings } from '../../../tests/support/webhooks.js';

type Client = ReturnType<typeof apiClient>;

const csvFile = (text: string, name = 'contacts.csv', type = 'text/csv') => {
  const form = new FormData();
  form.append('import_file', new Blob([text], { type }), name);
  return form;
};

/** Uploads a CSV and waits for its import to finish; returns the finished import. */
async function importCsv(client: Client, base: string, text: string) {
  const started = await client.post(`${base}/contacts/import`, csvFile(text));
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const id = started.body.payload.id as number;
  let current: any;
  await expect
    .poll(async () => {
      current = (await client.get(`${base}/contacts/imports/${id}`)).body.payload;
      return current.status;
    }, { timeout: 60_000, interval: 200 })
    .toBe('completed');
  return current;
}

const allContacts = async (client: Client, base: string) => {
  const page = await client.get(`${base}/contacts?page=1`);
  return page.body.payload as { id: number; name: string; email: string | null; phone_number: string | null; identifier: string | null; additional_attributes: Record<string, unknown>; custom_attributes: Record<string, unknown> }[];
};

describe('contact CSV import through the Application API and the worker', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: Client;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ webhooks: testWebhookSettings() });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
    const admin = apiClient(stack, account.admin.token);
    const defined = await admin.post(`${base}/custom_attribute_definitions`, { attribute_display_name: 'Tier', attribute_display_type: 'number', attribute_key: 'tier', attribute_model: 'contact_attribute' });
    expect(defined.status).toBe(200);
  });
  afterAll(() => stack.close());

  it('offers a template naming the standard columns and the account’s custom attributes', async () => {
    const response = await agent.raw(`${base}/contacts/import/template`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header] = (await response.text()).split('\r\n');
    expect(header).toBe('name,email,phone_number,identifier,city,country,company_name,tier');
  });

  it('creates new contacts, updates those matched by e-mail, phone or identifier, and reports each bad row', async () => {
    const byEmail = (await agent.post(`${base}/contacts`, { name: 'Old Name', email: 'ana@example.test' })).body.payload.contact;
    const byPhone = (await agent.post(`${base}/contacts`, { name: 'Phone Pat', phone_number: '+5511900000001' })).body.payload.contact;
    const byIdentifier = (await agent.post(`${base}/contacts`, { name: 'Crm Cid', identifier: 'crm-7' })).body.payload.contact;
    const csv = [
      'Name,Email,Phone_Number,identifier,city,company,tier', // row 1
      'Ana Lima,ANA@example.test,,,Recife,Initech,3', // 2: updates by e-mail
      'Bea Bad,not-an-email,,,,,', // 3: bad e-mail
      'Pat Renamed,,+5511900000001,,Natal,,', // 4: updates by phone
      'Carl New,carl@example.test,12345,,,,', // 5: bad phone
      'Cid,,,crm-7,,,,', // 6: updates by identifier (empty cells change nothing)
      '"Dora, New",dora@example.test,+5511900000002,crm-9,"São Paulo",,two', // 7: bad custom attribute
      'Eve New,eve@example.test,,,,,1', // 8: created
      ',,,,Lisbon,,', // 9: nothing to identify the contact
      'Eve Again,eve@example.test,+5511900000003,,,,', // 10: the row 8 contact again, updated
      'Clash,ana@example.test,+5511900000001,,,,', // 11: e-mail and phone of two different contacts
    ].join('\r\n');
    const done = await importCsv(agent, base, csv);
    expect(done).toMatchObject({ total_rows: 10, processed_rows: 10, created_count: 1, updated_count: 4, failed_count: 5 });

    const contacts = await allContacts(agent, base);
    expect(contacts).toHaveLength(4);
    const find = (id: number) => contacts.find((contact) => contact.id === id)!;
    expect(find(byEmail.id)).toMatchObject({ name: 'Ana Lima', email: 'ana@example.test', additional_attributes: { city: 'Recife', company_name: 'Initech' }, custom_attributes: { tier: 3 } });
    expect(find(byPhone.id)).toMatchObject({ name: 'Pat Renamed', additional_attributes: { city: 'Natal' } });
    expect(find(byIdentifier.id)).toMatchObject({ name: 'Cid', identifier: 'crm-7' });
    const eve = contacts.find((contact) => contact.email === 'eve@example.test')!;
    expect(eve).toMatchObject({ name: 'Eve Again', phone_number: '+5511900000003', custom_attributes: { tier: 1 } });

    const report = await agent.raw(`${base}/contacts/imports/${done.id}/errors`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain('contacts-errors.csv');
    const lines = (await report.text()).trim().split('\r\n');
    expect(lines[0]).toBe('row,column,reason');
    const rows = lines.slice(1).map((line) => line.split(',').slice(0, 2).join(','));
    expect(rows).toEqual(['3,Email', '5,Phone_Number', '7,tier', '9,name', '11,phone_number']);
    expect(lines[1]).toContain('not-an-email is not an e-mail address');
  });

  it('importing the same file twice creates nothing the second time', async () => {
    const csv = 'name,email\nTwice Tom,tom@twice.test\nTwice Tia,tia@twice.test\n';
    const first = await importCsv(agent, base, csv);
    const second = await importCsv(agent, base, csv);
    expect(first).toMatchObject({ created_count: 2, updated_count: 0 });
    expect(second).toMatchObject({ created_count: 0, updated_count: 2 });
    expect((await allContacts(agent, base)).filter((contact) => contact.email?.endsWith('@twice.test'))).toHaveLength(2);
  });

  it('refuses a header with unknown columns, or a file that is not CSV, naming import_file and storing nothing', async () => {
    const unknown = await agent.post(`${base}/contacts/import`, csvFile('name,favourite_colour\nAl,blue\n'));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ field: 'import_file', message: expect.stringContaining('favourite_colour') });

    const png = new FormData();
    png.append('import_file', new Blob([...pngOfSize(2000)] as BlobPart[], { type: 'image/png' }), 'photo.png');
    const notCsv = await agent.post(`${base}/contacts/import`, png);
    expect(notCsv.status).toBe(422);
    expect(notCsv.body.error.field).toBe('import_file');

    const empty = await agent.post(`${base}/contacts/import`, new FormData());
    expect(empty.status).toBe(422);
    expect(empty.body.error.field).toBe('import_file');
    const imports = (await agent.get(`${base}/contacts/imports`)).body.payload as { file_name: string }[];
    expect(imports.map((row) => row.file_name)).not.toContain('photo.png');
  });

  it('keeps one account’s imports from another', async () => {
    const mine = await importCsv(agent, base, 'name\nPrivate Pam\n');
    const other = await createTestAccount(stack);
    const stranger = apiClient(stack, other.agent.token);
    expect((await stranger.get(`/api/v1/accounts/${other.account.id}/contacts/imports/${mine.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/accounts/${other.account.id}/contacts/imports/${mine.id}/errors`)).status).toBe(404);
    // Not a member of the first account: it answers as if there were nothing there.
    expect((await stranger.get(`${base}/contacts/imports/${mine.id}`)).status).toBe(404);
  });

  // Last: from here on the account's webhook endpoint takes every contact event.
  it('announces imported contacts to webhooks as the API does: contact_created, and contact_updated with what changed', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const admin = apiClient(stack, account.admin.token);
      expect((await admin.post(`${base}/webhooks`, { url: receiver.url, subscriptions: ['contact_created', 'contact_updated'] })).status).toBe(200);
      const existing = (await agent.post(`${base}/contacts`, { name: 'Hook Before', email: 'hook@example.test' })).body.payload.contact;
      await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
      await importCsv(agent, base, 'name,email\nHook After,hook@example.test\nHook New,hook-new@example.test\n');
      await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(3);
      const [, ...fromImport] = receiver.received.map((request) => request.payload);
      const updated = fromImport.find((payload) => payload.event === 'contact_updated');
      const created = fromImport.find((payload) => payload.event === 'contact_created');
      expect(updated).toMatchObject({ id: existing.id, changed_attributes: [{ name: { previous_value: 'Hook Before', current_value: 'Hook After' } }] });
      expect(created).toMatchObject({ name: 'Hook New', email: 'hook-new@example.test' });
    } finally {
      await receiver.close();
    }
  });
});
