import type { Selectable } from 'kysely';
import type { AccountsTable } from '../db/schema.js';
import { apiBalances, unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import type { RawJson } from '../shared/exact-json.js';
import type { AssetRow } from './assets-repository.js';

export type AccountRow = Selectable<AccountsTable>;

/** An account with the ledger's stored balances beside it (read through a join, written by the ledger only). */
export type AccountWithBalances = AccountRow & { readonly posted: string; readonly pending_in: string; readonly pending_out: string };

export interface BalanceView {
  readonly totalBalance: RawJson;
  readonly availableBalance: RawJson;
  readonly pendingBalance: RawJson;
}

/** Every stored amount fits in this many decimals: the fallback if an asset row was deleted. */
const STORED_DIGITS = 18;

/** Fraction digits for an asset's amounts in responses: its precision. */
export function digitsOf(assets: ReadonlyMap<string, AssetRow>, code: string): number {
  return assets.get(code)?.precision ?? STORED_DIGITS;
}

export function balanceView(account: AccountWithBalances, digits: number): BalanceView {
  const b = apiBalances({
    posted: unitsFromColumn(account.posted),
    pendingIn: unitsFromColumn(account.pending_in),
    pendingOut: unitsFromColumn(account.pending_out),
  });
  return {
    totalBalance: decimalLiteral(b.totalBalance, digits),
    availableBalance: decimalLiteral(b.availableBalance, digits),
    pendingBalance: decimalLiteral(b.pendingBalance, digits),
  };
}

/** `REF<id>` for accounts that receive bank transfers; crypto accounts have no reference. */
export function accountReference(account: AccountRow): string | null {
  return account.account_number === null ? null : `REF${account.id}`;
}

export function createdAccountView(account: AccountWithBalances, digits: number) {
  return {
    id: account.id,
    name: account.name,
    routingNumber: account.routing_number,
    accountNumber: account.account_number,
    swiftCode: account.swift_code,
    reference: accountReference(account),
    asset: account.asset,
    ...balanceView(account, digits),
    bSuppressed: account.b_suppressed === 1,
  };
}

export function accountDetailView(account: AccountWithBalances, digits: number) {
  const { id, ...rest } = createdAccountView(account, digits);
  return { id, customersId: account.customers_id, ...rest, dateAdded: account.date_added };
}

export function accountListItemView(account: AccountWithBalances, asset: AssetRow | undefined) {
  const digits = asset?.precision ?? STORED_DIGITS;
  return {
    id: account.id,
    customersId: account.customers_id,
    name: account.name,
    routingNumber: account.routing_number,
    accountNumber: account.account_number,
    swiftCode: account.swift_code,
    virtualAccountNumber: null,
    reference: accountReference(account),
    asset: account.asset,
    assetDisplayName: asset?.display_name ?? account.asset,
    ...balanceView(account, digits),
    bSuppressed: account.b_suppressed === 1,
    dateAdded: account.date_added,
  };
}

export function balanceListItemView(account: AccountWithBalances, digits: number) {
  return { id: account.id, asset: account.asset, ...balanceView(account, digits), bSuppressed: account.b_suppressed === 1 };
}
