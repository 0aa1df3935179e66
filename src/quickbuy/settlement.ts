import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findAsset, recordTransaction, type AssetRow } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { systemAccount, unitsFromColumn } from '../ledger/index.js';
import { ensureAccount, settleTrade } from '../markets/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { advance, dueOrders, type OrderRow } from './orders-repository.js';
import { emitOrderCallback } from './quickbuy-callbacks.js';

export interface SettlementSettings {
  readonly quickbuyCaptureDelaySeconds: number;
  readonly quickbuyTransferDelaySeconds: number;
  readonly accountsPerCustomerMax: number;
  readonly quickbuyWorkerIntervalMs: number;
}

/** Orders one pass moves on per step. */
const BATCH_SIZE_MAX = 50;

/**
 * Moves paid orders on, against the server's clock: a PENDING order is captured once its capture
 * delay has passed (one journal: the card network pays the buyer's USD account; `CAPTURED`), and a
 * CAPTURED one is delivered once its transfer delay has passed (one journal: the USD to the house,
 * the crypto from the house, the commission to revenue; `COMPLETE`, the `COMPLETED` callback).
 * Each step is one database transaction that claims the order with a conditional update, so two
 * workers never take the same step twice.
 */
export class QuickBuySettlement {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: SettlementSettings,
  ) {}

  /** One pass; returns how many steps were taken. */
  async runOnce(): Promise<number> {
    let steps = 0;
    const nowIso = isoTimestamp(this.clock.nowMs());
    for (const order of await dueOrders(this.database.reader, 'PENDING', nowIso, BATCH_SIZE_MAX)) if (await this.capture(order)) steps += 1;
    const later = isoTimestamp(this.clock.nowMs());
    for (const order of await dueOrders(this.database.reader, 'CAPTURED', later, BATCH_SIZE_MAX)) if (await this.deliver(order)) steps += 1;
    return steps;
  }

  start(onError: (error: unknown) => void): void {
    this.timer = setInterval(() => {
      if (this.running !== null) return;
      this.running = this.runOnce()
        .catch(onError)
        .finally(() => (this.running = null));
    }, this.settings.quickbuyWorkerIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async assets(tx: Kysely<Database>, order: OrderRow): Promise<{ fiat: AssetRow; crypto: AssetRow }> {
    const [fiat, crypto] = await Promise.all([findAsset(tx, order.fiat_currency), findAsset(tx, order.crypto_asset)]);
    assert(fiat !== undefined && crypto !== undefined, `the assets of order ${order.id} exist`);
    return { fiat, crypto };
  }

  private capture(order: OrderRow): Promise<boolean> {
    const nowMs = this.clock.nowMs();
    const nowIso = isoTimestamp(nowMs);
    return inTransaction(this.database, async (tx) => {
      const next = isoTimestamp(nowMs + this.settings.quickbuyTransferDelaySeconds * 1000);
      if (!(await advance(tx, order.id, 'PENDING', { state: 'CAPTURED', date_captured: nowIso, next_step_at: next }))) return false;
      const { fiat, crypto } = await this.assets(tx, order);
      const account = await ensureAccount(tx, this.database.dialect, order.customers_id, fiat, this.settings.accountsPerCustomerMax, nowIso);
      const chargeId = await recordTransaction(tx, this.database.dialect, {
        accountsId: account.id,
        customersId: order.customers_id,
        asset: fiat.code,
        amount: unitsFromColumn(order.fiat_amount),
        description: `QuickBuy card payment, card ending ${order.card_last4 ?? '????'} (order ${order.id})`,
        transactionType: 'CardPayment',
        rail: 'CARD',
        systemAccount: systemAccount.cardNetwork(fiat.code),
        status: 'Completed',
        details: { quickBuyOrderId: order.id },
        dateTime: nowIso,
      });
      await tx.updateTable('quickbuy_orders').set({ charge_transactions_id: chargeId }).where('id', '=', order.id).execute();
      const captured = { ...order, state: 'CAPTURED' as const, date_captured: nowIso, charge_transactions_id: chargeId };
      await emitOrderCallback(tx, captured, 'CAPTURED', { fiat: fiat.precision, crypto: crypto.precision }, nowIso);
      return true;
    });
  }

  private deliver(order: OrderRow): Promise<boolean> {
    const nowIso = isoTimestamp(this.clock.nowMs());
    return inTransaction(this.database, async (tx) => {
      if (!(await advance(tx, order.id, 'CAPTURED', { state: 'COMPLETE', date_transferred: nowIso, next_step_at: null }))) return false;
      const { fiat, crypto } = await this.assets(tx, order);
      assert(order.crypto_amount !== null && order.commission !== null, `order ${order.id} was priced when paid`);
      const total = unitsFromColumn(order.fiat_amount);
      const commission = unitsFromColumn(order.commission);
      const source = await ensureAccount(tx, this.database.dialect, order.customers_id, fiat, this.settings.accountsPerCustomerMax, nowIso);
      const destination = await ensureAccount(tx, this.database.dialect, order.customers_id, crypto, this.settings.accountsPerCustomerMax, nowIso);
      const settled = await settleTrade(tx, this.database.dialect, {
        source: { account: source, amount: total - commission },
        destination: { account: destination, amount: unitsFromColumn(order.crypto_amount) },
        commission: { amount: commission, onSource: true },
        description: `QuickBuy ${order.asset_pair} (order ${order.id})`,
        transactionType: 'AssetExchange',
        rail: 'INTERNAL',
        dateTime: nowIso,
        details: (ids) => ({ ...ids, assetPair: order.asset_pair, quickBuyOrderId: order.id }),
        insufficientFundsField: 'Amount',
      });
      // Delivered inside this ledger, not on a chain: the hash is our reference to the delivery.
      const txHash = `0x${createHash('sha256').update(`quickbuy:${order.id}:${settled.toTransactionsId}`).digest('hex')}`;
      await tx.updateTable('quickbuy_orders').set({ delivery_transactions_id: settled.toTransactionsId, tx_hash: txHash }).where('id', '=', order.id).execute();
      const completed = { ...order, state: 'COMPLETE' as const, date_transferred: nowIso, tx_hash: txHash, delivery_transactions_id: settled.toTransactionsId };
      await emitOrderCallback(tx, completed, 'COMPLETED', { fiat: fiat.precision, crypto: crypto.precision }, nowIso);
      return true;
    });
  }
}
