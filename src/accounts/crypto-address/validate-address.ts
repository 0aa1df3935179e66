import { decodeLegacyPayload, validateLegacyPayload } from './base58-address.js';
import { validateEthereumAddress } from './eip55.js';
import { hasBitcoinHrpPrefix, validateSegwitAddress } from './segwit-address.js';
import { rejected, type AddressValidation, type Chain, type Network } from './types.js';

const MAX_ADDRESS_LENGTH = 100;

/**
 * Checks a user-supplied withdrawal address. Never throws: it sits directly behind
 * request input, so every failure must map to a reason the API can report.
 */
export function validateAddress(chain: Chain, network: Network, address: string): AddressValidation {
  try {
    if (typeof address !== 'string' || address.length === 0 || address.length > MAX_ADDRESS_LENGTH) {
      return rejected('format');
    }
    return chain === 'ethereum' ? validateEthereumAddress(address) : validateBitcoin(network, address);
  } catch {
    return rejected('format');
  }
}

/** Routes bc1/tb1-prefixed strings to bech32, 25-byte base58 to legacy, and the rest to bech32 (foreign hrps → 'network'). */
function validateBitcoin(network: Network, address: string): AddressValidation {
  if (!hasBitcoinHrpPrefix(address)) {
    const legacy = decodeLegacyPayload(address);
    if (legacy !== null) return validateLegacyPayload(network, legacy);
  }
  return validateSegwitAddress(network, address);
}
