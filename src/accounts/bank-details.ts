import type { AssetRow } from './assets-repository.js';

export interface BankDetails {
  readonly routingNumber: string | null;
  readonly accountNumber: string | null;
  readonly swiftCode: string | null;
}

/** Sandbox routing number Ibanera shows for US domestic accounts. */
export const SANDBOX_ROUTING_NUMBER = '999999999';
/** The SWIFT code Ibanera's international accounts share. */
export const INTERNATIONAL_SWIFT_CODE = 'GLDTSGSG';

/**
 * Bank details by asset class (docs/accounts.md): USD accounts are US domestic (routing number and
 * their own 12-digit account number); other fiat currencies share one account number per customer
 * with a SWIFT code; crypto accounts have none (they have deposit addresses instead).
 */
export function bankDetailsFor(asset: AssetRow, accountId: number, customersId: number): BankDetails {
  if (asset.asset_class === 'Cryptocurrency') return { routingNumber: null, accountNumber: null, swiftCode: null };
  if (asset.code === 'USD') {
    return { routingNumber: SANDBOX_ROUTING_NUMBER, accountNumber: `3${String(accountId).padStart(11, '0')}`, swiftCode: null };
  }
  return { routingNumber: null, accountNumber: `110${String(customersId).padStart(8, '0')}`, swiftCode: INTERNATIONAL_SWIFT_CODE };
}
