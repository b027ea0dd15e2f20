import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { isSafeHttpUrl } from '../../domain/http-url.js';
import { invalid } from '../../errors.js';

/** Addresses a webhook must never reach: this host, the private networks behind it, link-local (cloud metadata), multicast, reserved. */
const blockedNetworks = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blockedNetworks.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blockedNetworks.addSubnet(network, prefix, 'ipv6');

/** Whether an address is private, loopback, link-local or otherwise not on the public internet (IPv4-mapped and NAT64 forms judged by their IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blockedNetworks.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (embedded) return blockedNetworks.check(embedded[1], 'ipv4');
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const value = (parseInt(mappedHex[1], 16) << 16) | parseInt(mappedHex[2], 16);
    return blockedNetworks.check([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.'), 'ipv4');
  }
  return blockedNetworks.check(address, 'ipv6');
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

export type UrlPolicy = { allowedHosts: string[] };

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Checks a webhook URL when it is saved: http(s), no credentials, and every address its host
 * resolves to public, unless the host is listed in WEBHOOK_ALLOWED_HOSTS. Throws a 422 on `field`.
 * Delivery checks again at connect time (`safeLookup`), since DNS can change after saving.
 */
export async function assertDeliverableUrl(value: string, policy: UrlPolicy, field = 'url'): Promise<void> {
  if (!isSafeHttpUrl(value)) throw invalid(field, 'Must be an http(s) URL without credentials');
  const url = new URL(value);
  const host = bareHost(url);
  if (policy.allowedHosts.includes(host)) return;
  if (isIP(host)) {
    if (isNonPublicAddress(host)) throw invalid(field, `${host} is a private, loopback or link-local address; webhooks must go to a public address`);
    return;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) throw invalid(field, `${host} is this machine; webhooks must go to a public address`);
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    // Not resolvable from here (yet): nothing to judge now; every delivery checks the address it connects to.
    return;
  }
  const blocked = addresses.find((entry) => isNonPublicAddress(entry.address));
  if (blocked) throw invalid(field, `${host} resolves to ${blocked.address}, a private, loopback or link-local address; webhooks must go to a public address`);
}

export class UnsafeAddressError extends Error {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to ${address}, a private, loopback or link-local address`);
    this.name = 'UnsafeAddressError';
  }
}

/**
 * A `lookup` for http.request that refuses non-public answers, so the address checked is the
 * address connected to (no DNS rebinding between a check and the connection).
 */
export function safeLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const allowed = policy.allowedHosts.includes(hostname.toLowerCase());
      const blocked = allowed ? undefined : list.find((entry) => isNonPublicAddress(entry.address));
      if (blocked) return callback(new UnsafeAddressError(hostname, blocked.address), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** For a URL whose host is an address literal (no lookup happens): refused unless public or allowed. */
export function literalAddressRefusal(value: string, policy: UrlPolicy): string | null {
  const url = new URL(value);
  const host = bareHost(url);
  if (!isIP(host) || policy.allowedHosts.includes(host)) return null;
  return isNonPublicAddress(host) ? `refused: ${host} is a private, loopback or link-local address` : null;
}
