// Helpers for the business, wallet, card-payee and ACH-pull tests (test/business-*.test.ts,
// test/wallets-*.test.ts, test/payees-card-ach.test.ts): paths, and "nothing written" checks over
// every table those writes touch.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { assertError } from './accounts-helpers.js';
import type { TestResponse, TestServer } from './test-server.js';

export const SURFACE_PATHS = {
  walletCreate: '/api/v1/customer/transfers/crypto/wallets/create',
  walletList: '/api/v1/customer/transfers/crypto/wallets/list',
  walletEdit: '/api/v1/customer/transfers/crypto/wallets/edit',
  walletDelete: '/api/v1/customer/transfers/crypto/wallets/delete',
  withdrawV2: '/api/v2/customer/transfers/crypto/withdraw',
  withdrawToSaved: '/api/v2/customer/transfers/crypto/withdrawtosavedwallet',
  cardPayeeCreate: '/api/v3/customer/payees/card/create',
  cardPayeeGet: '/api/v3/customer/payees/card/get',
  cardPayeeList: '/api/v3/customer/payees/card/list',
  achPull: '/api/v1/customer/payees/achpull',
  businessCreationParameters: '/api/v2/customer/business/creationparameters',
  businessCreate: '/api/v2/customer/business/create',
  businessVerificationParameters: '/api/v2/customer/business/verificationparameters',
  businessUpload: '/api/v1/customer/business/uploaddocument',
  businessDeleteDocument: '/api/v1/customer/business/deletedocument',
  businessSubmit: '/api/v2/customer/business/submitverification',
  businessStatus: '/api/v1/customer/business/verificationstatus',
} as const;

const COUNTED_TABLES = [
  'customers',
  'managees',
  'accounts',
  'transactions',
  'ledger_journals',
  'ledger_legs',
  'ledger_holds',
  'ledger_balances',
  'idempotency_keys',
  'callbacks',
  'payees',
  'crypto_wallets',
] as const;

/** Row counts of every table these writes touch, plus `extra` tables (one query). */
export async function surfaceRowCounts(server: TestServer, extra: readonly string[] = []): Promise<Record<string, number>> {
  const tables = [...COUNTED_TABLES, ...extra];
  const counts = sql.join(tables.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`));
  const result = await sql<Record<string, number | string>>`select ${counts}`.execute(server.runtime.database.db);
  const row = result.rows[0];
  assert.ok(row !== undefined);
  return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}

/** A refused request: this status and these errors, and every counted table as it was. */
export async function refused(server: TestServer, send: () => Promise<TestResponse>, status: number, errors: readonly string[], extra: readonly string[] = []): Promise<void> {
  const before = await surfaceRowCounts(server, extra);
  assertError(await send(), status, ...errors);
  assert.deepEqual(await surfaceRowCounts(server, extra), before);
}
