import { describe, expect, it } from 'vitest';
import { isProxyAddress } from './client-address.js';

describe('isProxyAddress', () => {
  it('trusts loopback and private networks, where the web tier connects from', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.3.7', '172.18.0.5', '192.168.1.20', '::ffff:172.20.0.3', 'fd12:3456::1']) {
      expect(isProxyAddress(address), address).toBe(true);
    }
  });

  it('does not trust public addresses, which could forge X-Forwarded-For', () => {
    for (const address of ['203.0.113.9', '172.32.0.1', '8.8.8.8', '2001:db8::1', '::ffff:203.0.113.9', 'unknown']) {
      expect(isProxyAddress(address), address).toBe(false);
    }
  });
});
