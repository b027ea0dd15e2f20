import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { access } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { consoleBuildIsStale, consoleEntry } from '../../scripts/lib/console-build.js';
import { projectRoot } from '../../scripts/lib/paths.js';
import { freePort, stopChild, waitForPort } from '../../scripts/lib/temporal-cli.js';
import type { TestStack } from './stack.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the background traffic this closed network would refuse switched off. */
export async function launchChromium(): Promise<Browser> {
  await access(chromiumPath).catch(() => {
    throw new Error(`Browser tests need Chromium at ${chromiumPath} (apt-get install -y chromium) or CHROMIUM_PATH`);
  });
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Serves a test stack's API over HTTP and the built console in front of it, as `npm start` does,
 * so the browser sees the real proxy, cookies and event streams.
 */
export async function serveConsole(stack: TestStack) {
  if (await consoleBuildIsStale()) throw new Error('The console build is missing or stale; the global setup builds it (npm run build)');
  const apiPort = await freePort();
  const api = serve({ fetch: stack.app.fetch, port: apiPort, hostname: '127.0.0.1' });
  await waitForPort(apiPort, 10_000);
  const webPort = await freePort();
  const origin = `http://127.0.0.1:${webPort}`;
  const web: ChildProcess = spawn(process.execPath, [consoleEntry], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(webPort), HOST: '127.0.0.1', ORIGIN: origin, API_URL: `http://127.0.0.1:${apiPort}`, BODY_SIZE_LIMIT: '40M' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(webPort, 30_000);
  return {
    origin,
    async close() {
      await stopChild(web);
      (api as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => api.close(() => resolve()));
    },
  };
}

/** A stand-in customer website on its own origin, with the inbox's embed snippet pasted in. */
export async function serveCustomerSite(embedSnippet: string) {
  const port = await freePort();
  const server = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html><head><title>Shop</title></head><body><h1>Our shop</h1>${embedSnippet}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
