import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLiveEvent } from '../../../../../db/queries/events.js';
import { conversations, inboxes } from '../../../../../db/schema/index.js';
import { buildConsole, consoleBuildIsStale, consoleEntry } from '../../../../../scripts/lib/console-build.js';
import { projectRoot } from '../../../../../scripts/lib/paths.js';
import { freePort } from '../../../../../scripts/lib/temporal-cli.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../../../tests/support/stack.js';

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));

async function waitForPort(port: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on ${port}`);
}

// The whole path a visitor takes: a customer's page (its own origin) loads widget.js from Parley, the
// launcher opens the /widget iframe, which talks to the API through the console's proxy and SSE.
describe.skipIf(!chromiumPath)('the website widget in a browser', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let apiServer: ReturnType<typeof serve>;
  let web: ChildProcess;
  let hostSite: Server;
  let browser: Browser;
  let hostUrl: string;
  let sameSiteHostUrl: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    await stack.db
      .update(inboxes)
      .set({ settings: { ...account.inbox.settings, welcomeTitle: 'Welcome to the shop', welcomeTagline: 'We reply fast' } })
      .where(eq(inboxes.id, account.inbox.id));

    const apiPort = await freePort();
    apiServer = serve({ fetch: stack.app.fetch, port: apiPort, hostname: '127.0.0.1' });
    if (await consoleBuildIsStale()) await buildConsole(() => {});
    const webPort = await freePort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    web = spawn(process.execPath, [consoleEntry], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(webPort), HOST: '127.0.0.1', API_URL: `http://127.0.0.1:${apiPort}`, ORIGIN: webUrl },
      stdio: 'ignore',
    });
    await waitForPort(webPort);

    // "localhost" and "127.0.0.1" are different origins: the widget runs cross-origin, as on a real site.
    const hostPort = await freePort();
    hostSite = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><html><body><h1>Acme shop</h1>
        <script src="${webUrl}/widget.js"></script>
        <script>window.parleySDK.run({ websiteToken: ${JSON.stringify(account.inbox.identifier)}, baseUrl: ${JSON.stringify(webUrl)} });</script>
        </body></html>`);
    });
    await new Promise<void>((resolve) => hostSite.listen(hostPort, '127.0.0.1', resolve));
    hostUrl = `http://localhost:${hostPort}/products/42`;
    sameSiteHostUrl = `http://127.0.0.1:${hostPort}/products/43`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => hostSite?.close(resolve));
    web?.kill('SIGTERM');
    await new Promise((resolve) => apiServer?.close(resolve));
    await stack?.close();
  });

  const findConversation = async () =>
    (await stack.db.select().from(conversations).where(and(eq(conversations.accountId, account.account.id), eq(conversations.inboxId, account.inbox.id))))[0];

  it('a visitor on another site chats with an agent live, with attachments, never seeing private notes', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await page.getByRole('button', { name: 'Open chat' }).focus();
    await page.keyboard.press('Enter');
    const launcher = page.locator('#parley-launcher');
    await expect.poll(() => launcher.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
    expect(await launcher.getAttribute('aria-label')).toBe('Close chat');

    const widget = page.frameLocator('#parley-frame');
    await widget.getByText('Welcome to the shop').waitFor();
    const input = widget.getByTestId('widget-message-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    await input.fill('Hello from the browser');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Hello from the browser' }).waitFor();

    const conversation = await expect.poll(findConversation, { timeout: 10_000 }).toBeTruthy().then(findConversation);
    expect(conversation!.additionalAttributes).toMatchObject({ referer: hostUrl });
    const agentSees = async () =>
      (await agent.get(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`)).body.payload.map((m: { content: string }) => m.content);
    await expect.poll(agentSees, { timeout: 10_000 }).toContain('Hello from the browser');

    await agent.post(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`, { content: 'A private remark', private: true });
    await agent.post(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`, { content: 'Hi! How can I help?' });
    const reply = widget.getByTestId('widget-message').filter({ hasText: 'Hi! How can I help?' });
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toContain('Alan Agent');
    expect(await widget.getByTestId('widget-messages').textContent()).not.toContain('A private remark');

    // An agent typing shows an indicator; their next message clears it.
    await publishLiveEvent(stack.db, {
      type: 'conversation.typing_on',
      accountId: conversation!.accountId,
      inboxId: conversation!.inboxId,
      conversationId: conversation!.id,
      actor: { type: 'user', id: account.agent.id },
    });
    await widget.getByText('Typing…').waitFor();

    // The send button works too.
    await agent.post(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`, { content: 'Anything else?' });
    await widget.getByText('Typing…').waitFor({ state: 'detached' });
    await input.fill('Second question');
    await widget.getByTestId('widget-send-button').click();
    await widget.getByTestId('widget-message').filter({ hasText: 'Second question' }).waitFor();
    await expect.poll(agentSees, { timeout: 10_000 }).toContain('Second question');

    // A file goes up as multipart through the console's proxy and comes back as an image.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
    await widget.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await input.fill('Here is the receipt');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Here is the receipt' }).locator('img[alt="receipt.png"]').waitFor();
    await context.close();
  });

  it("finds the chat again after a reload, through the iframe's localStorage", async () => {
    // Same site as the widget (ports do not make sites): this Chromium denies storage to cross-site
    // iframes outright, and then the widget starts a fresh visitor on every page load.
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(sameSiteHostUrl);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const widget = page.frameLocator('#parley-frame');
    const input = widget.getByTestId('widget-message-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    await input.fill('Do you ship to Lisbon?');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Do you ship to Lisbon?' }).locator('text=Sending…').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByTestId('widget-message').filter({ hasText: 'Do you ship to Lisbon?' }).waitFor();
    expect(await widget.getByTestId('widget-message').count()).toBe(1);
    await context.close();
  });

  it('speaks Portuguese to a pt-BR browser', async () => {
    const context = await browser.newContext({ locale: 'pt-BR' });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const input = page.frameLocator('#parley-frame').getByTestId('widget-message-input');
    await expect.poll(() => input.getAttribute('placeholder'), { timeout: 10_000 }).toBe('Digite sua mensagem…');
    await context.close();
  });
});
