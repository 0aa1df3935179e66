import type { Kysely } from 'kysely';
import { findAsset, type FlaggedItemHandler, type ScreeningService } from '../accounts/index.js';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError } from '../shared/domain-error.js';
import type { ExchangesService } from './exchanges-service.js';
import { findExchange, type ExchangeRow } from './exchanges-repository.js';

/** The item kind exchanges are held for review under (screening flags, information requests). */
export const EXCHANGE_ITEM_KIND = 'exchange';

/** States an exchange can be held for an information request from (funds already reserved). */
const HOLDABLE_STATES = ['WaitingForApproval', 'WaitingForConfirmation'];

/** What an exchange takes from the customer: the quote asset (and commission) on a buy, the base asset on a sell. */
function outgoing(row: ExchangeRow): { asset: string; units: bigint } {
  if (row.exchange_type === 'Buy') return { asset: row.quote_asset, units: unitsFromColumn(row.request_price) + unitsFromColumn(row.commission_fee) };
  return { asset: row.base_asset, units: unitsFromColumn(row.request_amount) };
}

/**
 * Plugs exchanges into screening and information requests (docs/compliance.md): each trade about
 * to execute (a new buy, a confirmed sell) is screened as money leaving in its source asset; a
 * blocked one is refused (`Transaction_Blocked`), a flagged one waits in `AwaitingRfi` with its funds
 * held and an information request opens in the same transaction. Compliance's accept executes it
 * at its quote, reject (or expiry) releases the hold (`Rejected`). An exchange compliance opens a
 * request about while it waits (for approval or confirmation) is held the same way.
 */
export function connectExchangeScreening(exchanges: ExchangesService, screening: ScreeningService): void {
  const handler: FlaggedItemHandler = {
    async release(tx, id, dateTime) {
      await exchanges.releaseFromRfi(tx, id, dateTime);
    },
    async reject(tx, id, dateTime) {
      await exchanges.rejectAfterRfi(tx, id, dateTime);
      // The hold is released; no money had moved, so there is no rollback transaction.
      return { rollbackTransactionId: null };
    },
    async summary(db, id) {
      const row = await findExchange(db, id);
      if (row === undefined) return undefined;
      const { asset, units } = outgoing(row);
      const digits = (await findAsset(db, asset))?.precision ?? 18;
      return {
        customersId: row.customers_id,
        orderType: row.exchange_type === 'Buy' ? 'BUY' : 'SELL',
        description: `${row.exchange_type} ${row.asset_pair}`,
        amount: decimalLiteral(units, digits),
        asset,
        transactionsId: null,
        exchangeId: row.id,
        bHoldable: HOLDABLE_STATES.includes(row.status),
      };
    },
  };
  screening.registerKind(EXCHANGE_ITEM_KIND, handler);

  // Trades the screen below is flagging right now: the trade itself moves them to AwaitingRfi.
  const beingScreened = new Set<number>();
  // Compliance opened a request about a waiting exchange: hold it for the request.
  screening.onFlagged(async (tx: Kysely<Database>, flag) => {
    if (flag.item_kind !== EXCHANGE_ITEM_KIND || beingScreened.has(Number(flag.item_id))) return;
    const row = await findExchange(tx, Number(flag.item_id));
    if (row !== undefined && HOLDABLE_STATES.includes(row.status)) await exchanges.holdForRfi(tx, row.id, flag.date_flagged);
  });

  exchanges.setScreen(async (tx, row, dateTime) => {
    const { asset, units } = outgoing(row);
    const outcome = await screening.check(tx, { customersId: row.customers_id, asset, direction: 'out', amount: units, counterparty: {}, dateTime });
    if (outcome.outcome === 'blocked') throw new DomainError('Transaction_Blocked', 'Screening');
    if (outcome.outcome === 'clear') return 'clear';
    beingScreened.add(row.id);
    try {
      await screening.flag(tx, { kind: EXCHANGE_ITEM_KIND, itemId: row.id, customersId: row.customers_id, reasons: outcome.reasons, dateTime });
    } finally {
      beingScreened.delete(row.id);
    }
    return 'rfi';
  });
}
