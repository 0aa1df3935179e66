import type { Kysely } from 'kysely';
import { enqueueCallback, transactionStatusUpdated } from '../callbacks/index.js';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { findAsset } from './assets-repository.js';
import type { FlaggedItemHandler } from './screening-service.js';
import { SCREENED_TRANSACTION_TYPES } from './screening-rules.js';
import { endPendingTransaction } from './settlement.js';
import { readTransaction } from './transaction-rows.js';

/** The item kind of a held transaction row (crypto withdrawals, external transfers, fiat deposits). */
export const TRANSACTION_ITEM_KIND = 'transaction';

/**
 * Release and rejection of a held transaction. Release: the transaction goes on and settles
 * (an outbound one is sent, its fee taken; an inbound deposit becomes available). Rejection: it
 * fails; outbound funds and fee come back through rollback transactions, an inbound deposit is
 * returned to its sender (its pending credit is voided). The outbound callbacks are those of any
 * ending (TRANSACTION_STATUS_UPDATED, the crypto update); a held fiat deposit gets its
 * TRANSACTION_STATUS_UPDATED here, as Ibanera announces "screening approved".
 */
export function transactionReviewHandler(dialect: DialectName): FlaggedItemHandler {
  async function end(tx: Kysely<Database>, id: number, outcome: 'complete' | 'fail', dateTime: string): Promise<number | null> {
    const row = await readTransaction(tx, id);
    const ended = await endPendingTransaction(tx, dialect, row, outcome, dateTime);
    if (row.direction === 'Inbound' && row.rail !== 'CRYPTO') {
      const digits = (await findAsset(tx, row.asset))?.precision ?? 18;
      await enqueueCallback(tx, {
        customersId: row.customers_id,
        type: 'TRANSACTION_STATUS_UPDATED',
        data: transactionStatusUpdated(await readTransaction(tx, id), digits),
        dateCreated: dateTime,
      });
    }
    return ended.rollbackTransactionId;
  }
  return {
    async release(tx, id, dateTime) {
      await end(tx, id, 'complete', dateTime);
    },
    async reject(tx, id, dateTime) {
      return { rollbackTransactionId: await end(tx, id, 'fail', dateTime) };
    },
    async summary(db, id) {
      const row = await db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return undefined;
      const amount = unitsFromColumn(row.amount);
      const digits = (await findAsset(db, row.asset))?.precision ?? 18;
      return {
        customersId: row.customers_id,
        orderType: row.direction === 'Outbound' ? 'OUT' : 'IN',
        description: row.description,
        amount: decimalLiteral(amount < 0n ? -amount : amount, digits),
        asset: row.asset,
        transactionsId: row.id,
        exchangeId: null,
        bHoldable: row.status === 'Pending' && (SCREENED_TRANSACTION_TYPES as readonly string[]).includes(row.transaction_type),
      };
    },
  };
}
