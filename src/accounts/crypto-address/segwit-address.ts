import { bech32 } from '@scure/base';
import { decodeBech32, wordsToBytes } from './bech32-checksum.js';
import { ACCEPTED, rejected, type AddressValidation, type Network } from './types.js';

/** Regtest (`bcrt`) funds are as worthless as testnet ones, so it is grouped with testnet. */
const HRPS: Record<Network, readonly string[]> = { mainnet: ['bc'], testnet: ['tb', 'bcrt'] };
const ALL_HRPS = [...HRPS.mainnet, ...HRPS.testnet];

/** Lets the caller route `bc1…`-looking strings here even when they are malformed. */
export function hasBitcoinHrpPrefix(address: string): boolean {
  const lower = address.toLowerCase();
  return ALL_HRPS.some((hrp) => lower.startsWith(`${hrp}1`));
}

/** BIP-141 program length rules, plus v1 pinned to 32 bytes (taproot) so we never send to an unspendable v1 output. */
function programLengthOk(version: number, length: number): boolean {
  if (length < 2 || length > 40) return false;
  if (version === 0) return length === 20 || length === 32;
  if (version === 1) return length === 32;
  return true;
}

/**
 * Validates a native segwit address. The hrp is compared last, so "network" is only
 * reported for an otherwise well-formed address — a genuine wrong-network paste.
 */
export function validateSegwitAddress(network: Network, address: string): AddressValidation {
  const decoded = decodeBech32(address);
  if (!decoded.ok) return rejected(decoded.reason);
  const [version, ...programWords] = decoded.words;
  if (version === undefined || version > 16) return rejected('format');
  const program = wordsToBytes(programWords);
  if (program === null || !programLengthOk(version, program.length)) return rejected('format');
  // BIP-350: v0 must use the bech32 constant, v1+ bech32m; the other one is a checksum failure.
  const expected = version === 0 ? 'bech32' : 'bech32m';
  if (decoded.encoding !== expected) return rejected('checksum');
  return HRPS[network].includes(decoded.hrp) ? ACCEPTED : rejected('network');
}

/** P2WPKH (witness v0, 20-byte key hash) address for the network's primary hrp. */
export function encodeP2wpkh(network: Network, pubkeyHash: Uint8Array): string {
  if (pubkeyHash.length !== 20) throw new RangeError('P2WPKH needs a 20-byte hash160');
  const hrp = network === 'mainnet' ? 'bc' : 'tb';
  return bech32.encode(hrp, [0, ...bech32.toWords(pubkeyHash)]);
}
