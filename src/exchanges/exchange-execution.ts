import type { Kysely } from 'kysely';
import { findAsset, recordTransactions } from '../accounts/index.js';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { endHold, lockBalances, systemAccount, unitsFromColumn, unitsToColumn, type BankRail } from '../ledger/index.js';
import { ensureAccount, settleTrade, type QuoteRow } from '../markets/index.js';
import { assert } from '../shared/assert.js';
import { formatCanonical } from '../shared/decimal.js';
import { emitExchangeStatus, type PairDigits } from './callbacks.js';
import type { ExchangeStatus } from './contract.js';
import { transitionExchange, type ExchangeRow } from './exchanges-repository.js';

export interface ExecutionContext {
  readonly tx: Kysely<Database>;
  readonly dialect: DialectName;
  readonly dateTime: string;
  readonly accountsPerCustomerMax: number;
  readonly digits: PairDigits;
}

const RAIL_NAME: Record<BankRail, string> = { ACH: 'ACH', WIRE: 'Wire', SWIFT: 'SWIFT' };

/** The account, read inside the transaction (a trade's source account is fixed when it is placed). */
const accountById = (tx: Kysely<Database>, id: number) => tx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/**
 * Executes an exchange at its quote's amounts, inside the caller's transaction: its hold (if any)
 * is released, the trade settles as one journal, a sell naming a payee sends its net proceeds out
 * as a pending external transfer, and the exchange becomes Completed (with its callback).
 * `from`: the statuses it may leave; none matching means another request moved it first (undefined).
 */
export async function executeExchange(ctx: ExecutionContext, row: ExchangeRow, quote: QuoteRow, from: readonly ExchangeStatus[]): Promise<ExchangeRow | undefined> {
  const { tx, dialect, dateTime } = ctx;
  const moved = await transitionExchange(tx, row.id, from, { status: 'Completed', date_updated: dateTime });
  if (moved === undefined) return undefined;
  const buy = row.exchange_type === 'Buy';
  const destinationAsset = await findAsset(tx, buy ? row.base_asset : row.quote_asset);
  assert(destinationAsset !== undefined, 'the destination asset exists');
  const source = await accountById(tx, row.source_accounts_id);
  const destination = await ensureAccount(tx, ctx.dialect, row.customers_id, destinationAsset, ctx.accountsPerCustomerMax, dateTime);
  // Both balances locked first, in id order (the ledger's fixed order): releasing the hold would
  // otherwise lock the source alone and the settlement then both, a deadlock with a trade that
  // locks them the other way round.
  await lockBalances(tx, dialect, [source.id, destination.id]);
  if (row.holds_id !== null) assert((await endHold(tx, dialect, row.holds_id, 'voided', dateTime)) !== null, `the hold of exchange ${row.id} was pending`);
  const baseAmount = unitsFromColumn(quote.base_amount);
  const quoteAmount = unitsFromColumn(quote.quote_amount);
  const commission = unitsFromColumn(quote.commission_fee);
  const text = (units: bigint) => formatCanonical(units);
  const settled = await settleTrade(tx, dialect, {
    source: { account: source, amount: unitsFromColumn(quote.source_amount) },
    destination: { account: destination, amount: unitsFromColumn(quote.destination_amount) },
    commission: { amount: commission, onSource: buy },
    description: `${row.exchange_type} ${text(baseAmount)} ${row.base_asset} at ${text(unitsFromColumn(quote.price))} ${row.quote_asset} (exchange ${row.id})`,
    transactionType: 'AssetExchange',
    rail: 'EXCHANGE',
    dateTime,
    insufficientFundsField: 'Amount',
    details: (ids) => ({
      assetExchangeId: row.id,
      assetExchangeType: row.exchange_type,
      customerId: row.customers_id,
      assetExchangeStatus: 'Completed',
      ...ids,
      fromAsset: source.asset,
      toAsset: destination.asset,
      fromAssetClass: buy ? 'Currency' : 'Cryptocurrency',
      toAssetClass: destinationAsset.asset_class,
      requestAmount: text(unitsFromColumn(row.request_amount)),
      requestPrice: text(unitsFromColumn(row.request_price)),
      executedAmount: text(baseAmount),
      executedPrice: text(quoteAmount),
      fromAssetRequestedAmount: text(unitsFromColumn(quote.source_amount)),
      toAssetRequestedAmount: text(unitsFromColumn(quote.destination_amount)),
      toAssetExecutedAmount: text(unitsFromColumn(quote.destination_amount)),
      commissionFee: text(commission),
      payeesId: row.payees_id,
      fromCustomerAssetAccountId: source.id,
      toCustomerAssetAccountId: destination.id,
    }),
  });
  const payout = row.payees_id === null ? null : await sendProceeds(ctx, row, destination, unitsFromColumn(quote.destination_amount) - commission);
  const done = await tx
    .updateTable('exchanges')
    .set({
      executed_amount: unitsToColumn(baseAmount),
      executed_price: unitsToColumn(quoteAmount),
      commission_fee: unitsToColumn(commission),
      unit_price: quote.price,
      quotes_id: quote.id,
      destination_accounts_id: destination.id,
      from_transactions_id: settled.fromTransactionsId,
      to_transactions_id: settled.toTransactionsId,
      fee_transactions_id: settled.feeTransactionId,
      payout_transactions_id: payout,
      b_has_open_rfi: 0,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await emitExchangeStatus(tx, done, ctx.digits, dateTime);
  return done;
}

/** A sell's net fiat proceeds leave to its payee: a pending external transfer, as the transfers module sends them. */
async function sendProceeds(ctx: ExecutionContext, row: ExchangeRow, account: { id: number; customers_id: number; asset: string }, net: bigint): Promise<number | null> {
  if (net <= 0n || row.payees_id === null) return null;
  const payee = await ctx.tx.selectFrom('payees').selectAll().where('id', '=', row.payees_id).executeTakeFirstOrThrow();
  const rail = payee.transfer_type;
  const [id] = await recordTransactions(ctx.tx, ctx.dialect, [
    {
      accountsId: account.id,
      customersId: account.customers_id,
      asset: account.asset,
      amount: -net,
      description: `${RAIL_NAME[rail]} transfer to ${payee.name} (proceeds of exchange ${row.id})`,
      transactionType: 'ExternalTransfer',
      rail,
      systemAccount: systemAccount.rail(rail, account.asset),
      status: 'Pending',
      details: {
        externalTransferDetails: {
          paymentType: RAIL_NAME[rail],
          transferType: RAIL_NAME[rail],
          direction: 'Outbound',
          receiverName: payee.account_name ?? payee.name,
          beneficiaryName: payee.name,
          reference: `Exchange ${row.id}`,
          completedAt: null,
        },
        payeesId: payee.id,
      },
      dateTime: ctx.dateTime,
    },
  ]);
  return id ?? null;
}

/** Ends a held exchange without trading (cancelled, rejected): the hold is released, the callback sent. */
export async function releaseExchange(
  ctx: ExecutionContext,
  row: ExchangeRow,
  from: readonly ExchangeStatus[],
  status: 'Cancelled' | 'Rejected' | 'Failed',
): Promise<ExchangeRow | undefined> {
  const moved = await transitionExchange(ctx.tx, row.id, from, { status, date_updated: ctx.dateTime, b_has_open_rfi: 0 });
  if (moved === undefined) return undefined;
  if (row.holds_id !== null) assert((await endHold(ctx.tx, ctx.dialect, row.holds_id, 'voided', ctx.dateTime)) !== null, `the hold of exchange ${row.id} was pending`);
  await emitExchangeStatus(ctx.tx, moved, ctx.digits, ctx.dateTime);
  return moved;
}
