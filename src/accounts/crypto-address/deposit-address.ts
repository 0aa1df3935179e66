import { ECDH } from 'node:crypto';
import { ripemd160 } from '@noble/hashes/legacy';
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex } from '@noble/hashes/utils';
import { toChecksumAddress } from './eip55.js';
import { parseWatchOnlyXpub } from './hd-keys.js';
import { encodeP2wpkh } from './segwit-address.js';
import type { Chain, Network } from './types.js';

export interface DepositAddressInput {
  chain: Chain;
  network: Network;
  /** Account-level extended public key (m/84'/coin'/0' or m/44'/60'/0'). */
  xpub: string;
  /** Per-customer counter; non-hardened so it is derivable from the xpub alone. */
  index: number;
}

const MAX_INDEX = 0x7fffffff;

/**
 * Node's OpenSSL binding decompresses the point (0x04 || X || Y), sparing a direct
 * dependency on a curve library for one operation.
 */
function uncompress(compressed: Uint8Array): Uint8Array {
  const out = ECDH.convertKey(compressed, 'secp256k1', undefined, undefined, 'uncompressed');
  if (typeof out === 'string' || out.length !== 65) throw new Error('secp256k1 decompression failed');
  return new Uint8Array(out);
}

/**
 * Deterministic receive address at `0/index` under the account xpub: the same inputs
 * always give the same address, so addresses can be re-derived instead of stored.
 */
export function depositAddress({ chain, network, xpub, index }: DepositAddressInput): string {
  if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new RangeError(`index must be an integer in 0..${MAX_INDEX}`);
  }
  const child = parseWatchOnlyXpub(xpub, chain, network).deriveChild(0).deriveChild(index);
  const pub = child.publicKey;
  if (pub === null) throw new Error('derived key has no public key');
  if (chain === 'bitcoin') return encodeP2wpkh(network, ripemd160(sha256(pub)));
  const uncompressed = uncompress(pub);
  return toChecksumAddress(bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(-20)));
}
