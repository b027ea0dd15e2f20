// Runs after every `npm install` / `npm ci` (package.json "postinstall"). Plain Node, no dependencies:
// it runs before anything else is known to work.
//
// postgres.js 3.4.9 (the newest release) can crash the whole process when Postgres restarts under
// load: a small write deferred with setImmediate fires after the connection closed and nulled its
// socket, and the TypeError thrown from the immediate escapes every try/catch
// (porsager/postgres#1154, #1208; fixes proposed in #1168, #1209, unreleased). The patch makes such
// a write fail the connection's pending queries with CONNECTION_CLOSED, which the API maps to 503,
// and clears the deferred write when a connection closes or is terminated, so a reconnected
// connection never sends the old connection's leftover bytes first (LanternOps/breeze#3225). Remove it once a release has the fix.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const driver = path.join(root, 'node_modules', 'postgres');
const marker = '/* parley: guarded nextWrite */';

const replacements = [
  {
    original: 'function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    patched: `function nextWrite(fn) {\n    ${marker}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  {
    original: '    clearImmediate(nextWriteTimer)\n    socket.removeListener(\'data\', data)\n    socket.removeListener(\'connect\', connected)\n    idleTimer.cancel()',
    patched: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener(\'data\', data)\n    socket.removeListener(\'connect\', connected)\n    idleTimer.cancel()',
  },
  {
    original: '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    patched: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  },
];

if (!existsSync(driver)) process.exit(0);
const { version } = JSON.parse(readFileSync(path.join(driver, 'package.json'), 'utf8'));
for (const variant of ['src', 'cjs/src', 'cf/src']) {
  const file = path.join(driver, variant, 'connection.js');
  if (!existsSync(file)) continue;
  let source = readFileSync(file, 'utf8');
  if (source.includes(marker)) continue;
  for (const { original, patched } of replacements) {
    if (!source.includes(original)) {
      console.error(`patch-postgres-driver: postgres@${version} ${variant}/connection.js no longer has the code this patch fixes; check whether the release fixed nextWrite and remove scripts/patch-postgres-driver.mjs.`);
      process.exit(1);
    }
    source = source.replace(original, patched);
  }
  writeFileSync(file, source);
  console.log(`patch-postgres-driver: guarded postgres@${version} ${variant}/connection.js against writes after close`);
}
