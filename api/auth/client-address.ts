import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Loopback and private-network peers: where the console's web server (or another reverse proxy) connects from. */
export function isProxyAddress(address: string): boolean {
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  if (ip === '::1') return true;
  if (/^f[cd][0-9a-f]{2}:/.test(ip) || ip.startsWith('fe80:')) return true;
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) return false;
  const [a, b] = octets;
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * The caller's address, for rate limits. The console's web server forwards /api, /auth and /public and replaces X-Forwarded-For
 * with the browser's address; it connects from loopback (one host) or a private network (compose,
 * Kubernetes), so the header is believed only from such peers, or for in-process requests, which
 * have no socket. A public peer's header is ignored: it could forge one to dodge the limit.
 */
export function clientAddress(c: Context): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined;
  }
  if (!remote || isProxyAddress(remote)) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return remote ?? 'unknown';
}
