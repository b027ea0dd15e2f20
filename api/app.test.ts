import { afterEach, describe, expect, it, vi } from 'vitest';
import { newApp } from './app.js';

// A 500 is logged for operators; the log must not become a store of visitors' identifiers, nor a
// place a client can write unbounded text into through its own x-request-id.
describe('the API error handler', () => {
  const contactIdentifier = 'visitor-secret-contact-identifier-0123456789abcdef';
  const app = newApp();
  app.get('/public/api/v1/inboxes/:inbox_identifier/contacts/:contact_identifier/conversations', () => {
    throw new Error('the database went away');
  });
  const logged: string[] = [];
  const capture = () => vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  afterEach(() => {
    vi.restoreAllMocks();
    logged.length = 0;
  });

  it("logs a 500 with the route's pattern, not the visitor's identifiers from the path", async () => {
    capture();
    const response = await app.request(`/public/api/v1/inboxes/inbox-token-42/contacts/${contactIdentifier}/conversations?email=vera@example.test`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('GET /public/api/v1/inboxes/:inbox_identifier/contacts/:contact_identifier/conversations');
    expect(logged[0]).toContain(body.error.requestId);
    expect(logged[0]).toContain('the database went away');
    for (const secret of [contactIdentifier, 'inbox-token-42', 'vera@example.test']) expect(logged[0]).not.toContain(secret);
  });

  it("keeps a caller's short request id but replaces an oversized or odd one", async () => {
    capture();
    const path = `/public/api/v1/inboxes/i/contacts/c/conversations`;
    const plain = await app.request(path, { headers: { 'x-request-id': 'client-abc.123' } });
    expect(plain.headers.get('x-request-id')).toBe('client-abc.123');
    const huge = 'x'.repeat(10_000);
    const oversized = await app.request(path, { headers: { 'x-request-id': huge } });
    expect(oversized.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await app.request(path, { headers: { 'x-request-id': 'fake log line <script>' } });
    expect(odd.headers.get('x-request-id')).not.toContain('<script>');
    expect(logged.join('\n')).not.toContain(huge);
    expect(logged.join('\n')).not.toContain('fake log line');
  });
});
