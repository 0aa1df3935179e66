import { parseArgs } from 'node:util';
import { addScreeningRule, findAsset, listScreeningRules, removeScreeningRule, SCREENING_RULE_VALUE_LENGTH_MAX, type NewScreeningRule } from '../accounts/index.js';
import { unitsFromColumn } from '../ledger/index.js';
import type { Runtime } from '../runtime.js';
import { isoTimestamp } from '../shared/clock.js';
import { formatCanonical, fractionDigitsOf, parseDecimal } from '../shared/decimal.js';
import { CliError, type CliIo } from './io.js';

export const SCREENING_RULES_USAGE = `ibanera-server screening rules <command>
  add --amount-at-least X --asset A     flag transactions of asset A moving X or more
  add --watch-address V [--asset A]     flag withdrawals to address V
  add --watch-account V [--asset A]     flag transfers to account number (or IBAN) V
  add --watch-name V [--asset A]        flag transfers to, or deposits from, a party named V
  add --daily-count-max N [--asset A]   flag a customer's transactions beyond N per UTC day
      any rule: [--direction in|out]    only money arriving (deposits) or leaving (transfers, withdrawals); both by default
  remove --id N                         remove a rule
  list [--json]                         show the rules`;

const DAILY_COUNT_MAX = 1_000_000;

/** Flagging rules: a transaction they match is held for compliance review (not refused, as the block list does). */
export async function screeningRulesCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const options = {
    'amount-at-least': { type: 'string' },
    'watch-address': { type: 'string' },
    'watch-account': { type: 'string' },
    'watch-name': { type: 'string' },
    'daily-count-max': { type: 'string' },
    asset: { type: 'string' },
    direction: { type: 'string' },
    id: { type: 'string' },
    json: { type: 'boolean' },
  } as const;
  let flags: { [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'boolean' ? boolean : string };
  try {
    flags = parseArgs({ args: rest, options }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${SCREENING_RULES_USAGE}`, 2);
  }
  const db = runtime.database.db;
  if (sub === 'list') {
    const rules = (await listScreeningRules(db)).map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      asset: r.asset,
      direction: r.direction,
      threshold: r.threshold === null ? null : formatCanonical(unitsFromColumn(r.threshold)),
      counterpartyType: r.counterparty_type,
      value: r.value,
      countMax: r.count_max,
      dateAdded: r.date_added,
    }));
    if (flags.json === true) io.stdout(`${JSON.stringify(rules)}\n`);
    else for (const r of rules) io.stdout(`${r.id}  ${r.kind.padEnd(11)} ${r.asset.padEnd(5)} ${r.direction.padEnd(3)} ${r.threshold ?? r.value ?? r.countMax}  ${r.dateAdded}\n`);
    return;
  }
  if (sub === 'remove') {
    const id = Number(flags.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new CliError(`--id is required\n${SCREENING_RULES_USAGE}`, 2);
    if (!(await removeScreeningRule(db, id))) throw new CliError(`no rule ${id}`, 1);
    io.stdout(`removed rule ${id}\n`);
    return;
  }
  if (sub !== 'add') throw new CliError(SCREENING_RULES_USAGE, 2);
  const rule = await ruleOf(runtime, flags);
  const id = await addScreeningRule(db, rule, isoTimestamp(runtime.clock.nowMs()));
  io.stdout(`added rule ${id} (${rule.kind}${rule.asset === '*' ? '' : ` ${rule.asset}`})\n`);
}

async function assetOf(runtime: Runtime, code: string | undefined, required: boolean): Promise<{ code: string; precision: number }> {
  if (code === undefined) {
    if (required) throw new CliError(`--asset is required with --amount-at-least\n${SCREENING_RULES_USAGE}`, 2);
    return { code: '*', precision: 18 };
  }
  const asset = await findAsset(runtime.database.db, code);
  if (asset === undefined) throw new CliError(`unknown asset: ${code}`, 2);
  return { code: asset.code, precision: asset.precision };
}

type RuleFlags = Partial<Record<'amount-at-least' | 'watch-address' | 'watch-account' | 'watch-name' | 'daily-count-max' | 'asset' | 'direction', string>>;

async function ruleOf(runtime: Runtime, flags: RuleFlags): Promise<NewScreeningRule> {
  const direction = flags.direction === undefined ? 'any' : flags.direction === 'in' || flags.direction === 'out' ? flags.direction : null;
  if (direction === null) throw new CliError(`--direction must be in or out\n${SCREENING_RULES_USAGE}`, 2);
  return { ...(await ruleBody(runtime, flags)), direction };
}

type RuleBody = NewScreeningRule extends infer R ? (R extends unknown ? Omit<R, 'direction'> : never) : never;

async function ruleBody(runtime: Runtime, flags: RuleFlags): Promise<RuleBody> {
  const given = (['amount-at-least', 'watch-address', 'watch-account', 'watch-name', 'daily-count-max'] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1) throw new CliError(`give exactly one rule\n${SCREENING_RULES_USAGE}`, 2);
  const kind = given[0] as (typeof given)[number];
  const value = (flags[kind] ?? '').trim();
  const asset = await assetOf(runtime, flags.asset, kind === 'amount-at-least');
  if (kind === 'amount-at-least') {
    const parsed = parseDecimal(value);
    if (!parsed.ok || parsed.units <= 0n || fractionDigitsOf(parsed.units) > asset.precision)
      throw new CliError(`--amount-at-least must be a positive amount with at most ${asset.precision} decimals`, 2);
    return { kind: 'amount', asset: asset.code, threshold: parsed.units };
  }
  if (kind === 'daily-count-max') {
    const countMax = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
    if (!(countMax >= 0 && countMax <= DAILY_COUNT_MAX)) throw new CliError(`--daily-count-max must be 0-${DAILY_COUNT_MAX}`, 2);
    return { kind: 'daily_count', asset: asset.code, countMax };
  }
  if (value === '' || value.length > SCREENING_RULE_VALUE_LENGTH_MAX) throw new CliError(`--${kind} must be 1-${SCREENING_RULE_VALUE_LENGTH_MAX} characters`, 2);
  const counterpartyType = kind === 'watch-address' ? 'address' : kind === 'watch-account' ? 'account_number' : 'name';
  return { kind: 'watchlist', asset: asset.code, counterpartyType, value };
}
