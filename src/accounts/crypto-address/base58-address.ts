import { sha256 } from '@noble/hashes/sha2';
import { base58 } from '@scure/base';
import { ACCEPTED, rejected, type AddressValidation, type Network } from './types.js';

/** P2PKH and P2SH version bytes per network. */
const VERSIONS: Record<Network, readonly number[]> = { mainnet: [0x00, 0x05], testnet: [0x6f, 0xc4] };
const PAYLOAD_LENGTH = 25; // version + 20-byte hash + 4-byte checksum

/**
 * Returns the raw 25 bytes if the string is base58 of the right size, else null.
 * Used for routing: anything that is not legacy-shaped is tried as bech32 instead.
 */
export function decodeLegacyPayload(address: string): Uint8Array | null {
  try {
    const bytes = base58.decode(address);
    return bytes.length === PAYLOAD_LENGTH ? bytes : null;
  } catch {
    return null;
  }
}

/** Checksum is verified by hand (not via base58check) so a typo reports 'checksum', not 'format'. */
export function validateLegacyPayload(network: Network, payload: Uint8Array): AddressValidation {
  const body = payload.subarray(0, PAYLOAD_LENGTH - 4);
  const checksum = payload.subarray(PAYLOAD_LENGTH - 4);
  const expected = sha256(sha256(body)).subarray(0, 4);
  if (!expected.every((b, i) => b === checksum[i])) return rejected('checksum');
  const version = payload[0];
  return version !== undefined && VERSIONS[network].includes(version) ? ACCEPTED : rejected('network');
}
