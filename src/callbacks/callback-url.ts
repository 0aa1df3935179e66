import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const CALLBACK_URL_LENGTH_MAX = 2048;

/** Loopback, private, link-local, CGNAT, unspecified and multicast ranges: never a callback target in production. */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) FORBIDDEN.addSubnet(net, prefix, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. (A
  // ::ffff:0:0/96 rule cannot be used: Node's BlockList matches every IPv4 address against it.)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return isForbiddenAddress(mapped[1]);
  // The same in the hex form URLs normalise it to (::ffff:a00:1).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex?.[1] !== undefined && hex[2] !== undefined) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return isForbiddenAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A checked URL. In production `address` is the public address the host resolved to: delivery
 * connects to exactly it, so a host cannot pass the check and then resolve somewhere internal.
 */
export type UrlCheck = { ok: true; url: URL; address: string | null } | { ok: false; reason: string };

/**
 * A callback URL must be absolute http(s) without credentials. In production it must be https and
 * every address its host resolves to must be public: no requests into the operator's own network.
 * Sandbox allows plain http and local addresses for local development.
 */
export async function checkCallbackUrl(text: string, mode: 'sandbox' | 'production'): Promise<UrlCheck> {
  if (text.length > CALLBACK_URL_LENGTH_MAX) return { ok: false, reason: `longer than ${CALLBACK_URL_LENGTH_MAX} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be http or https' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not contain credentials' };
  if (mode === 'sandbox') return { ok: true, url, address: null };
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be https in production' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return { ok: false, reason: `host ${host} does not resolve` };
  }
  const first = addresses[0];
  if (first === undefined || addresses.some(isForbiddenAddress)) return { ok: false, reason: 'must not point at a loopback, private or link-local address' };
  return { ok: true, url, address: first };
}
