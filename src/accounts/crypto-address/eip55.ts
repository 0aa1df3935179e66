import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { ACCEPTED, rejected, type AddressValidation } from './types.js';

const HEX40 = /^[0-9a-fA-F]{40}$/;

/**
 * EIP-55: uppercase each hex letter whose matching nibble of keccak(lowercase hex) is >= 8.
 * Accepts the address with or without `0x`, in any case; throws on anything else.
 */
export function toChecksumAddress(hexAddress: string): string {
  const body = hexAddress.startsWith('0x') || hexAddress.startsWith('0X') ? hexAddress.slice(2) : hexAddress;
  if (!HEX40.test(body)) throw new TypeError('expected a 20-byte hex address');
  const lower = body.toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower.charAt(i);
    out += parseInt(hash.charAt(i), 16) >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

/**
 * Single-case hex carries no checksum, so it is accepted as-is (common wallet output);
 * mixed case claims EIP-55 and must match it exactly, catching typos.
 */
export function validateEthereumAddress(address: string): AddressValidation {
  if (!address.startsWith('0x')) return rejected('format');
  const body = address.slice(2);
  if (!HEX40.test(body)) return rejected('format');
  if (body === body.toLowerCase() || body === body.toUpperCase()) return ACCEPTED;
  return toChecksumAddress(body) === address ? ACCEPTED : rejected('checksum');
}
