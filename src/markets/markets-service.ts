import type { DatabaseHandle } from '../db/open-database.js';
import { inTransaction } from '../db/transaction.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { formatCanonical } from '../shared/decimal.js';
import { DomainError } from '../shared/domain-error.js';
import { RawJson } from '../shared/exact-json.js';
import { numberOfPages, pageOffset, type Page, type PageRequest } from '../shared/paging.js';
import type { SimulatePriceBody, SimulatedPrice } from './contract.js';
import { marketPairOf, pairView, tradablePair, type MarketPair } from './market-pair.js';
import { countPairs, findPair, listPairs, type PairKind } from './pairs-repository.js';
import { currentPrice } from './price-book.js';
import { setPrice } from './prices-repository.js';

export interface MarketsSettings {
  readonly priceStaleAfterSeconds: number;
  /** Per quote asset, the trade value above which a crypto trade waits for the operator. */
  readonly exchangeApprovalAbove: Readonly<Record<string, string>>;
  readonly accountsPerCustomerMax: number;
}

/** The largest price one may set: 10^12 quote units per base unit. */
export const PRICE_MAX_UNITS = 10n ** 12n * 10n ** 18n;

/** Pairs and their prices, as the exchanges and FX modules (and later QuickBuy) trade them. */
export class MarketsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    readonly settings: MarketsSettings,
  ) {}

  tradablePair(assetPair: string, kind: PairKind, fieldName = 'AssetPair'): Promise<MarketPair> {
    return tradablePair(this.database.reader, assetPair, kind, fieldName);
  }

  /** The pair's price now, or `Price_Unavailable` (none, or stale). */
  price(pair: MarketPair): Promise<bigint> {
    return currentPrice(this.database.reader, pair, this.clock.nowMs(), this.settings.priceStaleAfterSeconds);
  }

  /** Enabled pairs of one kind (availablepairs, FX pairs), by name. */
  async pairs(kind: PairKind, page: PageRequest): Promise<Page<ReturnType<typeof pairView>>> {
    const db = this.database.reader;
    const rows = await listPairs(db, { kind, enabledOnly: true }, { limit: page.pageSize, offset: pageOffset(page) });
    const pairs = (await Promise.all(rows.map((r) => marketPairOf(db, r)))).filter((p): p is MarketPair => p !== undefined);
    const total = await countPairs(db, { kind, enabledOnly: true });
    return { items: pairs.map(pairView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }

  /** The sandbox moves a price (any pair, enabled or not); it is fresh from now on. */
  async simulatePrice(input: SimulatePriceBody): Promise<SimulatedPrice> {
    const pair = await findPair(this.database.reader, input.AssetPair);
    if (pair === undefined) throw new DomainError('Invalid', 'AssetPair');
    if (input.Price === 0n) throw new DomainError('Required', 'Price');
    if (input.Price < 0n || input.Price > PRICE_MAX_UNITS) throw new DomainError('Invalid', 'Price');
    const dateUpdated = isoTimestamp(this.clock.nowMs());
    await inTransaction(this.database, (tx) => setPrice(tx, pair.asset_pair, input.Price, dateUpdated));
    return { assetPair: pair.asset_pair, price: new RawJson(formatCanonical(input.Price)), dateUpdated };
  }
}
