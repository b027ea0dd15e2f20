import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The SvelteKit project lives in web/ while package.json sits at the repository root, so the
// Vite root is this folder: `npm run build` (vite build --config web/vite.config.ts) writes web/build.
// SvelteKit 3 takes its options here; it refuses a svelte.config.js.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [
    sveltekit({
      adapter: adapter({ out: fileURLToPath(new URL('./build', import.meta.url)) }),
      compilerOptions: { runes: true },
      // The console has no form actions; the API defends its own writes (x-requested-with header),
      // and the widget posts to /public/* from customers' sites, which SvelteKit's origin check would block.
      csrf: { trustedOrigins: ['*'] },
      // A strict policy for every page: scripts only from the console itself, SvelteKit's inline
      // bootstrap allowed by a fresh nonce per response. Styles may be inline (Svelte's transitions
      // and style: directives write them), which cannot run script. Framing is refused here and
      // lifted only for the widget page in hooks.server.ts, so a new page is never framable by accident.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:', 'blob:', 'https:'],
          'media-src': ['self', 'blob:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  // Kit 3 dropped `$lib` and deprecated its own `alias` option in favour of subpath imports:
  // package.json maps `#lib/*` to src/lib for new code. `$lib` stays a plain Vite alias (with its
  // twin in tsconfig.json's paths), so the existing imports keep working.
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  server: { port: Number(process.env.WEB_PORT ?? 5173), strictPort: false },
});
