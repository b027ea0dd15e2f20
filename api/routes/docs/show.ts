import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';

const openApiDocumentPath = '/api/openapi.json';
const apiDocsAssetsPath = '/api/docs/assets';

/**
 * The reference page is Scalar's API reference (MIT), served from its npm package rather than a
 * CDN: Parley runs on closed networks. Its standalone bundle has everything (Vue, styles) in one
 * file; the package does not export it, so it is found next to the package's main module.
 */
const scalarBundleFile = fileURLToPath(new URL('browser/standalone.js', import.meta.resolve('@scalar/api-reference')));

/**
 * Points the renderer at Parley's document. Fonts come from the system (Scalar's default fonts
 * live on its CDN); the hosted extras (AI agent, proxy, telemetry) stay off.
 */
const initScript = `Scalar.createApiReference('#reference', ${JSON.stringify({
  url: openApiDocumentPath,
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
})});\n`;

const apiDocsHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<noscript>The reference needs JavaScript; the machine-readable description is <a href="${openApiDocumentPath}">${openApiDocumentPath}</a>.</noscript>
<div id="reference"></div>
<script src="${apiDocsAssetsPath}/scalar-standalone.js"></script>
<script src="${apiDocsAssetsPath}/init.js"></script>
</body>
</html>`;

/**
 * Everything only from Parley itself. Styles need 'unsafe-inline': the renderer's Vue components
 * set style attributes and inject their theme at run time, which no hash or nonce covers. Scripts
 * stay strict (no inline script at all), so that cannot run code.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

let scalarBundle: Promise<string> | undefined;

/** GET /api/docs: the human-readable API reference, drawn in the browser from /api/openapi.json. */
export function registerApiDocs(app: OpenAPIHono<AppEnv>) {
  app.get('/api/docs', (c) => {
    c.header('content-security-policy', contentSecurityPolicy);
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-cache');
    return c.html(apiDocsHtml);
  });
  app.get(`${apiDocsAssetsPath}/scalar-standalone.js`, async (c) => {
    scalarBundle ??= readFile(scalarBundleFile, 'utf8');
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('x-content-type-options', 'nosniff');
    // The file changes only with the package version; a day's cache spares reloading 5 MB.
    c.header('cache-control', 'public, max-age=86400');
    return c.body(await scalarBundle);
  });
  app.get(`${apiDocsAssetsPath}/init.js`, (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-cache');
    return c.body(initScript);
  });
}
