import { describe, expect, it } from 'vitest';
import { defaultTrustedProxies, isTrustedProxy, parseTrustedProxies, resolveClientAddress } from '../../core/auth/trusted-proxies.js';

const loopbackOnly = parseTrustedProxies(defaultTrustedProxies);
const composeWeb = parseTrustedProxies(['127.0.0.1', '::1', '172.30.0.10']);

describe('the client address behind trusted proxies', () => {
  it('trusts only loopback by default: a private-network peer is the client, whatever it forwards', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) expect(isTrustedProxy(loopbackOnly, address), address).toBe(true);
    for (const address of ['10.0.3.7', '172.18.0.5', '192.168.1.20', 'fd12:3456::1', '203.0.113.9', 'unknown']) {
      expect(isTrustedProxy(loopbackOnly, address), address).toBe(false);
    }
    expect(resolveClientAddress(loopbackOnly, '10.0.3.7', '198.51.100.1')).toBe('10.0.3.7');
    expect(resolveClientAddress(loopbackOnly, '::ffff:203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop, so a forged left-most entry does not move the count', () => {
    // The browser sent "X-Forwarded-For: 1.2.3.4"; the console's server appended the real address.
    expect(resolveClientAddress(loopbackOnly, '127.0.0.1', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(resolveClientAddress(composeWeb, '172.30.0.10', '1.2.3.4, 203.0.113.9, 127.0.0.1')).toBe('203.0.113.9');
    expect(resolveClientAddress(composeWeb, '172.30.0.10', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('falls back to the peer when a trusted proxy sends no header, and to the left-most hop when all are trusted', () => {
    expect(resolveClientAddress(loopbackOnly, '127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(resolveClientAddress(loopbackOnly, '127.0.0.1', '127.0.0.5, 127.0.0.1')).toBe('127.0.0.5');
    // In-process requests have no socket and are treated like loopback.
    expect(resolveClientAddress(loopbackOnly, undefined, '10.2.0.1')).toBe('10.2.0.1');
    expect(resolveClientAddress(loopbackOnly, undefined, undefined)).toBe('unknown');
  });

  it('accepts CIDRs and single addresses of both families, and names a bad entry', () => {
    const list = parseTrustedProxies(['10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    expect(isTrustedProxy(list, '10.200.1.1')).toBe(true);
    expect(isTrustedProxy(list, 'fd12::1')).toBe(true);
    expect(isTrustedProxy(list, '192.0.2.7')).toBe(true);
    expect(isTrustedProxy(list, '192.0.2.8')).toBe(false);
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustedProxies(['private'])).toThrow(/"private"/);
  });
});
