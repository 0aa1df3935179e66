import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { openLedgerAccount, unitsToColumn } from '../ledger/index.js';
import type { AccountWithBalances } from './account-views.js';
import type { AssetRow } from './assets-repository.js';
import { bankDetailsFor } from './bank-details.js';

/**
 * Inserts an empty asset account with the bank details its asset class gets, and opens its ledger
 * account with the no-overdraft rule; inside the caller's transaction.
 */
export async function openAccount(tx: Kysely<Database>, input: { customersId: number; name: string; asset: AssetRow; dateAdded: string }): Promise<AccountWithBalances> {
  const zero = unitsToColumn(0n);
  const inserted = await tx
    .insertInto('accounts')
    .values({
      customers_id: input.customersId,
      name: input.name,
      asset: input.asset.code,
      routing_number: null,
      account_number: null,
      swift_code: null,
      b_suppressed: 0,
      date_added: input.dateAdded,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await openLedgerAccount(tx, { accountsId: inserted.id, asset: input.asset.code, debitsMustNotExceedCredits: true });
  const bank = bankDetailsFor(input.asset, inserted.id, input.customersId);
  const account = await tx
    .updateTable('accounts')
    .set({ routing_number: bank.routingNumber, account_number: bank.accountNumber, swift_code: bank.swiftCode })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...account, posted: zero, pending_in: zero, pending_out: zero };
}
