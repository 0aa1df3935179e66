import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const CALLBACK_URL_LENGTH_MAX = 2048;

/** Loopback, private, link-local, CGNAT, unspecified and multicast ranges: never a callback target in production. */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
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
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');

/**
 * IPv6 ranges whose addresses carry an IPv4 address, and which bytes hold it. A packet to one of
 * them ends up at that IPv4 address (through a translator or a tunnel), so the IPv4 address is what
 * must be judged. The operator may split the local-use NAT64 prefix at /48, /56, /64 or /96
 * (RFC 6052 §2.2), which moves the IPv4 address; `zero` lists the bytes RFC 6052 sets to zero at
 * /64 (the u-octet and the suffix), so that reading counts only where the address is written that
 * way. At /48 and /56 the last four bytes are suffix, zero: the /96 reading (0.0.0.0) refuses them.
 * An address with nonzero suffix bits is judged at /96 only; refusing 64:ff9b:1::/48 outright would
 * close that gap but also refuse every public host on a network whose DNS64 uses that prefix.
 */
const IPV4_EMBEDDINGS: readonly { readonly prefix: readonly number[]; readonly ipv4At: readonly number[]; readonly zero?: readonly number[] }[] = [
  { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], ipv4At: [12, 13, 14, 15] }, // IPv4-compatible ::/96 (RFC 4291, deprecated)
  { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], ipv4At: [12, 13, 14, 15] }, // IPv4-mapped ::ffff:0:0/96
  { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], ipv4At: [12, 13, 14, 15] }, // IPv4-translated ::ffff:0:0:0/96 (RFC 6145)
  { prefix: [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], ipv4At: [12, 13, 14, 15] }, // NAT64 well-known 64:ff9b::/96 (RFC 6052)
  { prefix: [0, 0x64, 0xff, 0x9b, 0, 1], ipv4At: [12, 13, 14, 15] }, // NAT64 local-use 64:ff9b:1::/48 (RFC 8215), split at /96
  { prefix: [0, 0x64, 0xff, 0x9b, 0, 1], ipv4At: [9, 10, 11, 12], zero: [8, 13, 14, 15] }, // … split at /64
  { prefix: [0x20, 0x02], ipv4At: [2, 3, 4, 5] }, // 6to4 2002::/16 (RFC 3056)
];

/** The 16 bytes of a valid IPv6 address in any text form (`::`, a dotted IPv4 tail, a zone). */
function ipv6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groupsOf = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const [head, tail] = text.split('::');
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.flatMap((g) => [g >> 8, g & 255]);
}

/** Every IPv4 address an IPv6 address may carry (none for most). */
function embeddedIpv4Addresses(address: string): string[] {
  const bytes = ipv6Bytes(address);
  return IPV4_EMBEDDINGS.filter((e) => e.prefix.every((b, i) => bytes[i] === b) && (e.zero ?? []).every((i) => bytes[i] === 0)).map((e) => e.ipv4At.map((i) => bytes[i]).join('.'));
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family === 0) return true;
  // (A ::ffff:0:0/96 rule would not do for the mapped range: Node's BlockList matches every IPv4
  // address against it. The embedding table covers it instead.)
  return FORBIDDEN.check(address, 'ipv6') || embeddedIpv4Addresses(address).some((ipv4) => FORBIDDEN.check(ipv4, 'ipv4'));
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
