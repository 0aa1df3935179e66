/**
 * The registry of system accounts: the ledger's side of every movement that enters or leaves the
 * customers' accounts. A code names its kind and asset (and rail or chain), e.g. `rail:ACH:USD`,
 * `chain:bitcoin:BTC`, `fees:USD`. System accounts carry no stored balance (many writers would
 * contend for one row); `verify` sums their legs and checks each code against this registry.
 */
export type SystemAccountKind = 'rail' | 'chain' | 'fees' | 'internal' | 'house' | 'revenue' | 'card-network' | 'suspense';

export const BANK_RAILS = ['ACH', 'WIRE', 'SWIFT'] as const;
export type BankRail = (typeof BANK_RAILS)[number];
export const CHAINS = ['bitcoin', 'ethereum'] as const;
export type ChainName = (typeof CHAINS)[number];

/** What each kind of system account stands for (docs/ledger.md lists the same). */
export const SYSTEM_ACCOUNT_KINDS: Readonly<Record<SystemAccountKind, string>> = {
  rail: 'money in transit on a bank rail (ACH, WIRE, SWIFT): pay-ins arrive from it, external transfers leave to it',
  chain: 'a blockchain: crypto deposits arrive from it, withdrawals leave to it',
  fees: 'transfer fees charged to customers',
  internal: 'the clearing account of internal transfers; a transfer that balances by itself writes no leg on it',
  house: "the operator's own inventory of an asset, the other side of exchanges and FX",
  revenue: "the operator's commission income from exchanges and FX",
  'card-network': 'the card network: card authorizations and settlements',
  suspense: 'money whose destination is not settled yet (held for review, unmatched deposits)',
};

/** Builders for every code, so no module spells one by hand. */
export const systemAccount = {
  rail: (rail: BankRail, asset: string) => `rail:${rail}:${asset}`,
  chain: (chain: ChainName, asset: string) => `chain:${chain}:${asset}`,
  fees: (asset: string) => `fees:${asset}`,
  internal: (asset: string) => `internal:${asset}`,
  house: (asset: string) => `house:${asset}`,
  revenue: (asset: string) => `revenue:${asset}`,
  cardNetwork: (asset: string) => `card-network:${asset}`,
  suspense: (asset: string) => `suspense:${asset}`,
} as const;

export interface ParsedSystemAccount {
  readonly kind: SystemAccountKind;
  readonly asset: string;
  /** The rail or chain, for the kinds that have one. */
  readonly qualifier: string | null;
}

const ASSET_CODE = /^[A-Z0-9]{1,20}$/;

/** The registry's reading of a code, or null when the code is not one it knows. */
export function parseSystemAccount(code: string): ParsedSystemAccount | null {
  const parts = code.split(':');
  const [kind, second, third] = parts;
  if (parts.length === 3 && kind === 'rail' && (BANK_RAILS as readonly string[]).includes(second ?? '') && ASSET_CODE.test(third ?? '')) {
    return { kind: 'rail', asset: third as string, qualifier: second as string };
  }
  if (parts.length === 3 && kind === 'chain' && (CHAINS as readonly string[]).includes(second ?? '') && ASSET_CODE.test(third ?? '')) {
    return { kind: 'chain', asset: third as string, qualifier: second as string };
  }
  if (parts.length === 2 && kind !== undefined && kind !== 'rail' && kind !== 'chain' && kind in SYSTEM_ACCOUNT_KINDS && ASSET_CODE.test(second ?? '')) {
    return { kind: kind as SystemAccountKind, asset: second as string, qualifier: null };
  }
  return null;
}
