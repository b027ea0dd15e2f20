import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { BlockList } from 'node:net';
import { defaultTrustedProxies, parseTrustedProxies, resolveClientAddress } from '../../core/auth/trusted-proxies.js';
import type { AppEnv } from '../env.js';

const parsedLists = new WeakMap<string[], BlockList>();
let defaultList: BlockList | undefined;

function trustedProxyList(entries: string[] | undefined): BlockList {
  if (!entries) return (defaultList ??= parseTrustedProxies(defaultTrustedProxies));
  let list = parsedLists.get(entries);
  if (!list) parsedLists.set(entries, (list = parseTrustedProxies(entries)));
  return list;
}

/**
 * The caller's address, for rate limits. The console's web server forwards /api, /auth and /public
 * with the browser's address in X-Forwarded-For; the header is believed only from the proxies named
 * in TRUSTED_PROXIES (default loopback), and then only its right-most untrusted entry, so neither a
 * direct caller nor a client behind the proxy can forge an address to dodge a limit.
 */
export function clientAddress(c: Context<AppEnv>): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  return resolveClientAddress(trustedProxyList(c.var.deps?.config.trustedProxies), peer, c.req.header('x-forwarded-for'));
}
