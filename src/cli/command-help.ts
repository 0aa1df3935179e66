import { CALL_USAGE } from './call-command.js';
import { CALLBACKS_USAGE } from './callbacks-command.js';
import { IDEMPOTENCY_USAGE } from './idempotency-command.js';
import { LOGIN_USAGE } from './login-command.js';
import { PRINCIPALS_USAGE } from './principals-command.js';
import { SCREENING_USAGE } from './screening-command.js';
import { EXCHANGES_USAGE } from './exchanges-command.js';
import { MANAGEES_USAGE } from './managees-command.js';
import { HOUSE_USAGE, PAIRS_USAGE, PRICES_USAGE } from './markets-command.js';
import { RFIS_USAGE } from './rfis-command.js';
import { BUSINESS_USAGE } from './business-command.js';
import { CARDS_USAGE } from './cards-command.js';
import { QUICKBUY_USAGE } from './quickbuy-command.js';

/**
 * `<command> --help` (or `-h`) for every command: the usage, printed before anything runs, so a
 * help request never opens a database or starts a server.
 */
const HELP: Readonly<Record<string, string>> = {
  serve: `usage: ibanera-server serve
  Starts the HTTP server (what \`npm start\` runs): migrates the database, listens on HOST:PORT, delivers
  callbacks, and stops gracefully on SIGTERM/SIGINT. WORKERS=N runs N HTTP processes on the one port.
  Configuration from the environment (see .env.example).`,
  migrate: 'usage: ibanera-server migrate\n  Brings the database schema (DATABASE_URL) up to date.',
  verify: "usage: ibanera-server verify\n  Checks the ledger's invariants; exit 1, naming each problem, if any fails.",
  totp: 'usage: ibanera-server totp --secret BASE32SECRET\n  Prints the current TOTP code for a Base32 shared secret.',
  principals: PRINCIPALS_USAGE,
  screening: SCREENING_USAGE,
  callbacks: CALLBACKS_USAGE,
  idempotency: IDEMPOTENCY_USAGE,
  exchanges: EXCHANGES_USAGE,
  managees: MANAGEES_USAGE,
  pairs: PAIRS_USAGE,
  prices: PRICES_USAGE,
  house: HOUSE_USAGE,
  rfis: RFIS_USAGE,
  business: BUSINESS_USAGE,
  cards: CARDS_USAGE,
  quickbuy: QUICKBUY_USAGE,
  login: LOGIN_USAGE,
  call: CALL_USAGE,
};

/** Whether the arguments ask for help (anywhere, as the command's own option). */
export function asksForHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** The command's usage, or undefined for a command this file does not know (the general usage applies). */
export function helpOf(command: string): string | undefined {
  return HELP[command];
}
