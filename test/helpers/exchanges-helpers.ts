// Helpers for the crypto exchange and FX tests: paths, the money-moving calls with exact literals,
// and the "nothing written" check over every table a trade touches.
import assert from 'node:assert/strict';
import { assertError, assertOk, balancesOf, type Api, type BalanceTexts } from './accounts-helpers.js';
import type { TestResponse, TestServer } from './test-server.js';

export const EX = {
  pairs: '/api/v1/customer/crypto-exchanges/availablepairs',
  quote: '/api/v1/customer/crypto-exchanges/quote',
  buy: '/api/v1/customer/crypto-exchanges/buy',
  sell: '/api/v1/customer/crypto-exchanges/sell',
  review: '/api/v1/customer/crypto-exchanges/reviewquote',
  confirm: '/api/v1/customer/crypto-exchanges/confirmsell',
  cancel: '/api/v1/customer/crypto-exchanges/cancel',
  list: '/api/v1/customer/crypto-exchanges/list',
  get: '/api/v1/customer/crypto-exchanges/get',
  prices: '/api/v1/customer/simulations/prices',
} as const;

export const FX = {
  pairs: '/api/v1/customer/foreign-exchanges/pairs',
  accountDetails: '/api/v1/customer/foreign-exchanges/account-details',
  quote: '/api/v1/customer/foreign-exchanges/quote',
  execute: '/api/v1/customer/foreign-exchanges/execute',
  list: '/api/v1/customer/foreign-exchanges/list',
} as const;

export type Item = Record<string, unknown>;

/** A body with its amount fields written as verbatim JSON literals. */
export function withLiterals(fields: Record<string, unknown>, literals: Record<string, string>): string {
  const parts = Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  for (const [k, v] of Object.entries(literals)) parts.push(`${JSON.stringify(k)}:${v}`);
  return `{${parts.join(',')}}`;
}

export function trade(
  api: Api,
  path: string,
  pair: string,
  quantityType: 'Amount' | 'Price',
  amount: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<TestResponse> {
  return api.postRaw(path, withLiterals({ AssetPair: pair, QuantityType: quantityType, ...extra }, { Amount: amount }), headers);
}

export async function buyOk(api: Api, pair: string, quantityType: 'Amount' | 'Price', amount: string, extra: Record<string, unknown> = {}): Promise<Item> {
  return assertOk(await trade(api, EX.buy, pair, quantityType, amount, extra)).details as Item;
}

export async function sellOk(api: Api, pair: string, quantityType: 'Amount' | 'Price', amount: string, extra: Record<string, unknown> = {}): Promise<Item> {
  return assertOk(await trade(api, EX.sell, pair, quantityType, amount, extra)).details as Item;
}

export async function setPrice(api: Api, pair: string, price: string): Promise<void> {
  assertOk(await api.postRaw(EX.prices, `{"AssetPair":${JSON.stringify(pair)},"Price":${price}}`));
}

export function fxQuote(api: Api, fields: Record<string, unknown>, literals: Record<string, string>): Promise<TestResponse> {
  return api.postRaw(FX.quote, withLiterals(fields, literals));
}

const TABLES = [
  'accounts',
  'transactions',
  'ledger_journals',
  'ledger_legs',
  'ledger_holds',
  'exchanges',
  'fx_exchanges',
  'trade_quotes',
  'callbacks',
  'idempotency_keys',
] as const;

export async function tradeRowCounts(server: TestServer): Promise<Record<(typeof TABLES)[number], number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await server.runtime.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out as Record<(typeof TABLES)[number], number>;
}

/** The request is refused with exactly these errors and writes nothing (rows, balances). */
export async function refusedWithoutWrites(
  server: TestServer,
  api: Api,
  accounts: readonly number[],
  send: () => Promise<TestResponse>,
  status: number,
  ...codes: string[]
): Promise<void> {
  const before = await tradeRowCounts(server);
  const balances: BalanceTexts[] = [];
  for (const a of accounts) balances.push(await balancesOf(api, a));
  assertError(await send(), status, ...codes);
  assert.deepEqual(await tradeRowCounts(server), before, 'nothing written');
  for (const [i, a] of accounts.entries()) assert.deepEqual(await balancesOf(api, a), balances[i]);
}
