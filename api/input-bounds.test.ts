import { describe, expect } from 'vitest';
import { apiTest } from '../tests/support/api-test.js';

/** Inputs schemathesis found answering 500 (`npm run fuzz`): each must be a 4xx naming what is wrong, and write nothing. */
const it = apiTest({ worker: false });

const beyondInteger = 2_147_483_648;

describe('ids beyond Postgres integer range', () => {
  it('answers 404 for an account id no account can have', async ({ client }) => {
    const response = await client.delete(`/api/v1/accounts/${beyondInteger}/webhooks/1`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 422 naming the path parameter or body field that is out of range', async ({ client, base, account }) => {
    const note = await client.delete(`${base}/contacts/${beyondInteger}/notes/1`);
    expect(note.status).toBe(422);
    expect(note.body.error.field).toBe('id');
    const inbox = await client.delete(`${base}/inboxes/68719476737`);
    expect(inbox.status).toBe(422);
    expect(inbox.body.error.field).toBe('id');
    const members = await client.post(`${base}/inbox_members`, { inbox_id: account.apiInbox.id, user_ids: [beyondInteger] });
    expect(members.status).toBe(422);
    expect(members.body.error.field).toBe('user_ids.0');
  });

  it('documents the range in the OpenAPI document, so clients and fuzzers know it', async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: { maximum?: number } }> }>> };
    const parameters = doc.paths['/api/v1/accounts/{account_id}/inboxes/{id}']!.delete!.parameters!;
    expect(parameters.map((parameter) => [parameter.name, parameter.schema.maximum])).toEqual([
      ['account_id', 2_147_483_647],
      ['id', 2_147_483_647],
    ]);
  });
});

describe('text with the NUL character', () => {
  it('refuses it in a body field by name, and creates nothing', async ({ client, base }) => {
    const response = await client.post(`${base}/teams`, { name: 'Sup\u0000port' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('name');
    const teams = await client.get(`${base}/teams`);
    expect(teams.body.map((team: { name: string }) => team.name)).not.toContain('Sup\u0000port');
  });

  it('refuses it in a query parameter by name', async ({ client, base }) => {
    const response = await client.get(`${base}/conversations?labels=o%00x`);
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('labels');
  });
});

describe('text that is not well-formed Unicode', () => {
  it('refuses an unpaired surrogate by field name, where jsonb (the audit log) would have failed with a 500', async ({ client, base, account }) => {
    // JSON may spell a lone surrogate as an escape; it parses, but Postgres cannot store it.
    const response = await client.patch(`${base}/agents/${account.agent.id}`, '{"name":"Al\\ud800an"}');
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('name');
    const agents = (await client.get(`${base}/agents`)).body as Array<{ id: number; name: string }>;
    expect(agents.find((agent) => agent.id === account.agent.id)?.name).toBe('Alan Agent');
  });
});

describe('an update naming no field', () => {
  it('answers the team unchanged', async ({ client, base }) => {
    const team = (await client.post(`${base}/teams`, { name: 'Unchanged', description: 'as it was' })).body;
    const response = await client.patch(`${base}/teams/${team.id}`, {});
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: team.id, name: 'Unchanged', description: 'as it was' });
  });
});

describe('a method a path does not take', () => {
  it('answers 405 with Allow listing the methods it does take, and 404 for a path that does not exist', async ({ client, base, account }) => {
    const wrong = await client.raw(`${base}/teams`, { method: 'PUT' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    const trace = await client.raw(`/api/v1/profile/access_tokens/${account.admin.id}`, { method: 'PATCH' });
    expect(trace.status).toBe(405);
    expect(trace.headers.get('allow')).toBe('DELETE');
    expect((await client.raw(`${base}/no_such_things`, { method: 'PUT' })).status).toBe(404);
    // A word where another route has an id: that route does not claim it.
    const search = await client.raw(`${base}/contacts/search?q=maria`, { method: 'PUT' });
    expect(search.status).toBe(405);
    expect(search.headers.get('allow')).toBe('GET, HEAD');
    const dryRun = await client.raw(`${base}/automation_rules/dry_run`, { method: 'OPTIONS' });
    expect(dryRun.status).toBe(405);
    expect(dryRun.headers.get('allow')).toBe('POST');
    expect((await client.raw(`${base}/contacts/12/notes`, { method: 'PUT' })).headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

describe('whether a request body is required', () => {
  it('is documented as the handler behaves: optional where every field is, required where one is', async ({ stack, client, base }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>> };
    expect(doc.paths['/api/v1/accounts/{account_id}/teams/{team_id}']!.patch!.requestBody!.required).toBe(false);
    expect(doc.paths['/api/v1/accounts/{account_id}/teams']!.post!.requestBody!.required).toBe(true);
    const team = (await client.post(`${base}/teams`, { name: 'Bodiless' })).body;
    expect((await client.raw(`${base}/teams/${team.id}`, { method: 'PATCH' })).status).toBe(200);
    const missing = await client.raw(`${base}/teams`, { method: 'POST' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('name');
  });
});

describe('e-mail addresses', () => {
  it('are documented with the pattern the validator applies, so the document and the API agree on what is valid', async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> } };
    const pattern = new RegExp(doc.components.schemas.SignInRequest!.properties.email!.pattern!);
    const refusedByBoth = 't8-`gfeyx!@xh32.4ew1.test';
    expect(pattern.test(refusedByBoth)).toBe(false);
    const refused = await stack.app.request('/auth/sign_in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: refusedByBoth, password: 'x' }) });
    expect(refused.status).toBe(422);
    expect(pattern.test(' ana@example.com ')).toBe(true);
  });
});
