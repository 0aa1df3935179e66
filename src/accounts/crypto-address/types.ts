/** Chains we can hand out deposit addresses for. */
export type Chain = 'bitcoin' | 'ethereum';

/** Kept separate from Chain so testnet keys can never produce mainnet addresses by accident. */
export type Network = 'testnet' | 'mainnet';

/** Why an address was rejected; coarse on purpose so API errors stay stable. */
export type AddressRejection = 'format' | 'checksum' | 'network';

export type AddressValidation = { ok: true } | { ok: false; reason: AddressRejection };

export const ACCEPTED: AddressValidation = { ok: true };

export function rejected(reason: AddressRejection): AddressValidation {
  return { ok: false, reason };
}
