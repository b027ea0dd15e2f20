import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForPort } from '../../../scripts/lib/temporal-cli.js';
import { chromiumPath, launchChromium } from '../../../tests/support/browser.js';
import { startTestStack, type TestStack } from '../../../tests/support/stack.js';

type Operation = { tags?: string[]; summary?: string; requestBody?: unknown };

describe('the API reference page', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('is a self-contained HTML page: no outside scripts, styles or fonts, and a strict CSP', async () => {
    const response = await stack.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('/api/openapi.json');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
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

  it.skipIf(!existsSync(chromiumPath))('renders every operation grouped by tag in a browser, within its CSP', async () => {
    const port = await freePort();
    const server = serve({ fetch: stack.app.fetch, port, hostname: '127.0.0.1' });
    await waitForPort(port, 10_000);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`http://127.0.0.1:${port}/api/docs`);
      await page.waitForSelector('body[data-ready]');
      expect(await page.getAttribute('body', 'data-ready')).toBe('true');
      expect(problems).toEqual([]);

      const tags = await page.$$eval('section.tag > h2', (nodes) => nodes.map((node) => node.textContent));
      expect(tags).toEqual(expect.arrayContaining(['Agents', 'Contacts', 'Inboxes', 'Labels', 'Profile', 'Schemas']));
      const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
      const operationCount = Object.values(doc.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
      expect(await page.$$eval('section.tag:not(#schemas) details.operation', (nodes) => nodes.length)).toBe(operationCount);

      // One operation in full: method, path, summary, parameters, request body fields and responses.
      const createContact = page.locator('#op-post-api-v1-accounts-account-id-contacts');
      await createContact.locator('summary').first().click();
      const text = await createContact.innerText();
      expect(text).toContain('POST');
      expect(text).toContain('/api/v1/accounts/{account_id}/contacts');
      expect(text).toContain('account_id');
      expect(text).toContain('Request body');
      expect(text).toContain('phone_number');
      expect(text).toContain('422');

      await page.fill('#filter', 'labels delete');
      const visible = await page.$$eval('details.operation:not([hidden])', (nodes) => nodes.map((node) => node.id));
      expect(visible).toEqual(['op-delete-api-v1-accounts-account-id-labels-id']);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
