import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForPort } from '../../../scripts/lib/temporal-cli.js';
import { launchChromium } from '../../../tests/support/browser.js';
import { startTestStack, type TestStack } from '../../../tests/support/stack.js';

type Operation = { tags?: string[]; summary?: string; requestBody?: unknown };

describe('the API reference page', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('loads only scripts Parley serves itself, under a CSP that allows nothing from outside', async () => {
    const response = await stack.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).not.toMatch(/https?:|\*/);
    const html = await response.text();
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/api/docs/assets/scalar-standalone.js', '/api/docs/assets/init.js']);
    expect(html).not.toMatch(/<script>/);
  });

  it('serves the renderer bundle and its start-up script as JavaScript, pointed at /api/openapi.json', async () => {
    const bundle = await stack.app.request('/api/docs/assets/scalar-standalone.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('text/javascript');
    expect(bundle.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const init = await stack.app.request('/api/docs/assets/init.js');
    expect(init.headers.get('content-type')).toContain('text/javascript');
    expect(await init.text()).toContain('"url":"/api/openapi.json"');
  });

  it('has a tag and summary for every operation it will list', async () => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    const untagged: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) if (!op.tags?.length || !op.summary) untagged.push(`${method} ${path}`);
    }
    expect(untagged).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/accounts/{account_id}/contacts',
        '/api/v1/accounts/{account_id}/contacts/search',
        '/api/v1/accounts/{account_id}/inboxes/{id}',
        '/api/v1/accounts/{account_id}/inbox_members',
        '/api/v1/accounts/{account_id}/agents/{id}',
        '/api/v1/accounts/{account_id}/labels',
        '/api/v1/profile/availability',
      ]),
    );
  });

  it('renders the operations in a browser, within its CSP and without reaching outside Parley', async () => {
    const port = await freePort();
    const server = serve({ fetch: stack.app.fetch, port, hostname: '127.0.0.1' });
    await waitForPort(port, 10_000);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const outside: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith(`http://127.0.0.1:${port}/`) && !request.url().startsWith('data:')) outside.push(request.url());
      });
      await page.goto(`http://127.0.0.1:${port}/api/docs`);

      const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
      const createContact = doc.paths['/api/v1/accounts/{account_id}/contacts'].post.summary!;
      const signIn = doc.paths['/auth/sign_in'].post.summary!;
      await page.getByRole('heading', { name: signIn }).first().waitFor({ state: 'visible', timeout: 30_000 });
      for (const tag of ['Conversations', 'Contacts', 'Inboxes', 'Agents', 'Labels']) expect(await page.getByText(tag, { exact: true }).first().isVisible(), tag).toBe(true);
      // Opening a tag in the sidebar shows its operations.
      await page.getByText('Contacts', { exact: true }).first().click();
      await page.getByText(createContact, { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
