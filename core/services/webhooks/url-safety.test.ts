import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isNonPublicAddress } from './url-safety.js';
import { postOnce } from './send.js';

describe('which addresses a webhook may reach', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd12::1', '::ffff:10.0.0.1', '::ffff:7f00:1', '64:ff9b::127.0.0.1'])(
    '%s is not public',
    (address) => expect(isNonPublicAddress(address)).toBe(true),
  );
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => expect(isNonPublicAddress(address)).toBe(false));
});

describe('delivery checks the address it connects to', () => {
  it('refuses a host that resolves to loopback at send time, unless the host is allowed', async () => {
    let hits = 0;
    const server = http.createServer((_request, response) => {
      hits += 1;
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const send = (allowedHosts: string[], host: string) =>
        postOnce({ url: `http://${host}:${port}/hook`, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 5_000, policy: { allowedHosts } });
      const refusedByName = await send([], 'localhost');
      expect(refusedByName.statusCode).toBeNull();
      expect(refusedByName.error).toMatch(/refused: localhost resolves to/);
      const refusedLiteral = await send([], '127.0.0.1');
      expect(refusedLiteral.error).toMatch(/refused: 127\.0\.0\.1/);
      expect(hits).toBe(0);
      const allowed = await send(['localhost'], 'localhost');
      expect(allowed.statusCode).toBe(200);
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
