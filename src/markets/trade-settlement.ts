import type { Kysely } from 'kysely';
import { linkLegs, linkTransaction, recordTransactions, type AccountRow } from '../accounts/index.js';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { systemAccount } from '../ledger/index.js';
import { assert } from '../shared/assert.js';

export interface TradeLeg {
  readonly account: AccountRow;
  readonly amount: bigint;
}

export interface TradeSettlement {
  readonly source: TradeLeg;
  readonly destination: TradeLeg;
  /** The commission, charged on the source account (a buy) or the destination account (a sell, FX). */
  readonly commission: { readonly amount: bigint; readonly onSource: boolean };
  readonly description: string;
  /** `transactionType` of the two legs (`AssetExchange`, `ForeignExchange`). */
  readonly transactionType: string;
  readonly rail: string;
  readonly dateTime: string;
  /** The assetExchangeTransferDetails both legs carry, once their ids are known. */
  readonly details: (ids: { fromTransactionsId: number; toTransactionsId: number }) => Record<string, unknown>;
  readonly insufficientFundsField: string;
}

export interface SettledTrade {
  readonly fromTransactionsId: number;
  readonly toTransactionsId: number;
  readonly feeTransactionId: number | null;
}

/**
 * Settles a trade against the house as ONE journal, inside the caller's transaction: the customer's
 * source asset to the house, the house's destination asset to the customer, the commission to the
 * house's revenue account. The customer sees two linked transactions (and a fee transaction when a
 * commission applies); the ledger refuses it all when the source cannot pay amount + commission.
 */
export async function settleTrade(tx: Kysely<Database>, dialect: DialectName, t: TradeSettlement): Promise<SettledTrade> {
  const { source, destination } = t;
  const common = { status: 'Completed' as const, details: {}, dateTime: t.dateTime, rail: t.rail };
  const feeAccount = t.commission.onSource ? source.account : destination.account;
  const rows = [
    {
      ...common,
      accountsId: source.account.id,
      customersId: source.account.customers_id,
      asset: source.account.asset,
      amount: -source.amount,
      description: t.description,
      transactionType: t.transactionType,
      systemAccount: systemAccount.house(source.account.asset),
    },
    {
      ...common,
      accountsId: destination.account.id,
      customersId: destination.account.customers_id,
      asset: destination.account.asset,
      amount: destination.amount,
      description: t.description,
      transactionType: t.transactionType,
      systemAccount: systemAccount.house(destination.account.asset),
    },
    ...(t.commission.amount > 0n
      ? [
          {
            ...common,
            accountsId: feeAccount.id,
            customersId: feeAccount.customers_id,
            asset: feeAccount.asset,
            amount: -t.commission.amount,
            description: `Commission: ${t.description}`,
            transactionType: 'Fee',
            systemAccount: systemAccount.revenue(feeAccount.asset),
          },
        ]
      : []),
  ];
  const [fromId, toId, feeId = null] = await recordTransactions(tx, dialect, rows, { insufficientFundsField: t.insufficientFundsField });
  assert(fromId !== undefined && toId !== undefined, 'both legs of the trade were recorded');
  const details = { assetExchangeTransferDetails: t.details({ fromTransactionsId: fromId, toTransactionsId: toId }) };
  await linkLegs(tx, { transactionsId: fromId, accountsId: source.account.id, details }, { transactionsId: toId, accountsId: destination.account.id, details });
  if (feeId !== null) {
    const paying = t.commission.onSource ? fromId : toId;
    await linkTransaction(tx, paying, { feeTransactionId: feeId });
    await linkTransaction(tx, feeId, { originalTransactionId: paying });
  }
  return { fromTransactionsId: fromId, toTransactionsId: toId, feeTransactionId: feeId };
}
