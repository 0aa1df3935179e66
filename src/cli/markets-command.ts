import { parseArgs } from 'node:util';
import { findAsset } from '../accounts/index.js';
import { unitsFromColumn, unitsToColumn } from '../ledger/index.js';
import { findPair, housePositions, listPairs, listPrices, PRICE_MAX_UNITS, setPairEnabled, setPrice, upsertPair, type PairRow } from '../markets/index.js';
import type { Runtime } from '../runtime.js';
import { isoTimestamp } from '../shared/clock.js';
import { formatCanonical, parseDecimal } from '../shared/decimal.js';
import { CliError, type CliIo } from './io.js';

export const PAIRS_USAGE = `ibanera-server pairs <command>
  list [--json]                                  show every pair (crypto and FX), enabled or not
  set --pair B/Q [--kind crypto|fx] [--commission PCT] [--min-amount A] [--max-amount A]
      [--min-price P] [--max-price P] [--max-decimals N]   add a pair or change it (and enable it)
  disable --pair B/Q                             stop a pair trading (set enables it again)`;
export const PRICES_USAGE = `ibanera-server prices <command>
  set --pair B/Q --price P     set the pair's price (one base unit in the quote asset); fresh from now
  list [--json]                show every price and when it was set`;
export const HOUSE_USAGE = `ibanera-server house positions [--json]   the house's inventory and revenue per asset (from the ledger)`;

const OPTIONS = {
  pair: { type: 'string' },
  kind: { type: 'string' },
  commission: { type: 'string' },
  'min-amount': { type: 'string' },
  'max-amount': { type: 'string' },
  'min-price': { type: 'string' },
  'max-price': { type: 'string' },
  'max-decimals': { type: 'string' },
  price: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function flagsOf(args: readonly string[], usage: string) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, 2);
  }
}

function decimalFlag(text: string | undefined, name: string, fallback: string | undefined): string {
  const value = text ?? fallback;
  if (value === undefined) throw new CliError(`--${name} is required for a new pair`, 2);
  const parsed = parseDecimal(value);
  if (!parsed.ok || parsed.units < 0n || parsed.units > PRICE_MAX_UNITS) throw new CliError(`--${name} must be a non-negative decimal, got "${value}"`, 2);
  return unitsToColumn(parsed.units);
}

const show = (column: string) => formatCanonical(unitsFromColumn(column));

function pairLine(p: PairRow): string {
  return `${p.asset_pair}  ${p.kind}  ${p.b_enabled === 1 ? 'enabled' : 'disabled'}  commission ${show(p.commission_fee_percentage)}%  amount ${show(p.min_trade_amount)}..${show(p.max_trade_amount)}  value ${show(p.min_trade_price)}..${show(p.max_trade_price)}  decimals ${p.max_decimal_precision}`;
}

/** The operator's trading pairs. */
export async function pairsCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const flags = flagsOf(rest, PAIRS_USAGE);
  const db = runtime.database.db;
  const now = isoTimestamp(runtime.clock.nowMs());
  if (sub === 'list') {
    const rows = await listPairs(db, {});
    if (flags.json === true)
      io.stdout(
        `${JSON.stringify(rows.map((p) => ({ assetPair: p.asset_pair, kind: p.kind, enabled: p.b_enabled === 1, commissionFeePercentage: show(p.commission_fee_percentage), minTradeAmount: show(p.min_trade_amount), maxTradeAmount: show(p.max_trade_amount), minTradePrice: show(p.min_trade_price), maxTradePrice: show(p.max_trade_price), maxDecimalPrecision: p.max_decimal_precision })))}\n`,
      );
    else for (const p of rows) io.stdout(`${pairLine(p)}\n`);
    return;
  }
  const name = flags.pair?.trim().toUpperCase() ?? '';
  const match = /^([A-Z0-9]{1,20})\/([A-Z0-9]{1,20})$/i.exec(name);
  if (match === null) throw new CliError(`--pair BASE/QUOTE is required\n${PAIRS_USAGE}`, 2);
  if (sub === 'disable') {
    if (!(await setPairEnabled(db, name, false, now))) throw new CliError(`unknown pair: ${name}`, 1);
    io.stdout(`disabled ${name}\n`);
    return;
  }
  if (sub !== 'set') throw new CliError(PAIRS_USAGE, 2);
  const base = await findAsset(db, match[1] as string);
  const quote = await findAsset(db, match[2] as string);
  if (base === undefined || quote === undefined || base.code === quote.code) throw new CliError(`unknown asset in ${name}`, 2);
  const existing = await findPair(db, `${base.code}/${quote.code}`);
  const kind = flags.kind ?? existing?.kind ?? (base.asset_class === 'Currency' && quote.asset_class === 'Currency' ? 'fx' : 'crypto');
  if (kind !== 'crypto' && kind !== 'fx') throw new CliError('--kind must be crypto or fx', 2);
  const fiatPair = base.asset_class === 'Currency' && quote.asset_class === 'Currency';
  if ((kind === 'fx') !== fiatPair)
    throw new CliError(kind === 'fx' ? 'an FX pair is two fiat currencies' : 'a crypto pair has a cryptocurrency base and never two fiat currencies', 2);
  if (kind === 'crypto' && base.asset_class !== 'Cryptocurrency') throw new CliError('a crypto pair has a cryptocurrency base (fiat may only be the quote asset)', 2);
  const decimals = flags['max-decimals'] ?? (existing === undefined ? String(base.precision) : String(existing.max_decimal_precision));
  if (!/^\d{1,2}$/.test(decimals) || Number(decimals) > 18) throw new CliError('--max-decimals must be 0..18', 2);
  const row: PairRow = {
    asset_pair: `${base.code}/${quote.code}`,
    base_asset: base.code,
    quote_asset: quote.code,
    kind,
    commission_fee_percentage: decimalFlag(flags.commission, 'commission', existing === undefined ? undefined : show(existing.commission_fee_percentage)),
    min_trade_amount: decimalFlag(flags['min-amount'], 'min-amount', existing === undefined ? undefined : show(existing.min_trade_amount)),
    max_trade_amount: decimalFlag(flags['max-amount'], 'max-amount', existing === undefined ? undefined : show(existing.max_trade_amount)),
    min_trade_price: decimalFlag(flags['min-price'], 'min-price', existing === undefined ? undefined : show(existing.min_trade_price)),
    max_trade_price: decimalFlag(flags['max-price'], 'max-price', existing === undefined ? undefined : show(existing.max_trade_price)),
    max_decimal_precision: Number(decimals),
    b_enabled: 1,
    date_updated: now,
  };
  if (unitsFromColumn(row.commission_fee_percentage) >= 100n * 10n ** 18n) throw new CliError('--commission must be below 100', 2);
  if (unitsFromColumn(row.min_trade_amount) > unitsFromColumn(row.max_trade_amount) || unitsFromColumn(row.min_trade_price) > unitsFromColumn(row.max_trade_price))
    throw new CliError('a minimum is above its maximum', 2);
  await upsertPair(db, row);
  io.stdout(`${pairLine(row)}\n`);
}

/** The operator's price table. */
export async function pricesCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const flags = flagsOf(rest, PRICES_USAGE);
  const db = runtime.database.db;
  if (sub === 'list') {
    const rows = await listPrices(db);
    if (flags.json === true) io.stdout(`${JSON.stringify(rows.map((r) => ({ assetPair: r.asset_pair, price: show(r.price), dateUpdated: r.date_updated })))}\n`);
    else for (const r of rows) io.stdout(`${r.asset_pair}  ${show(r.price)}  ${r.date_updated}\n`);
    return;
  }
  if (sub !== 'set') throw new CliError(PRICES_USAGE, 2);
  const pair = await findPair(db, flags.pair ?? '');
  if (pair === undefined) throw new CliError(`unknown pair: ${flags.pair ?? ''}\n${PRICES_USAGE}`, 2);
  const parsed = parseDecimal(flags.price ?? '');
  if (!parsed.ok || parsed.units <= 0n || parsed.units > PRICE_MAX_UNITS) throw new CliError(`--price must be a positive decimal (at most 18 decimals)\n${PRICES_USAGE}`, 2);
  const now = isoTimestamp(runtime.clock.nowMs());
  await setPrice(db, pair.asset_pair, parsed.units, now);
  io.stdout(`${pair.asset_pair}  ${formatCanonical(parsed.units)}  ${now}\n`);
}

/** The house's position per asset. */
export async function houseCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const flags = flagsOf(rest, HOUSE_USAGE);
  if (sub !== 'positions') throw new CliError(HOUSE_USAGE, 2);
  const positions = await housePositions(runtime.database.db);
  if (flags.json === true)
    io.stdout(
      `${JSON.stringify(positions.map((p) => ({ asset: p.asset, house: formatCanonical(p.house), revenue: formatCanonical(p.revenue), reserved: formatCanonical(p.reserved) })))}\n`,
    );
  else for (const p of positions) io.stdout(`${p.asset}  house ${formatCanonical(p.house)}  revenue ${formatCanonical(p.revenue)}  reserved ${formatCanonical(p.reserved)}\n`);
}
