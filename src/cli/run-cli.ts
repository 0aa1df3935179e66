import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { CliError, type CliIo } from './io.js';
import { principalsCommand } from './principals-command.js';
import { callbacksCommand } from './callbacks-command.js';
import { cardsCommand } from './cards-command.js';
import { idempotencyCommand } from './idempotency-command.js';
import { screeningCommand } from './screening-command.js';
import { serveCommand } from './serve-command.js';
import { totpCommand } from './totp-command.js';
import { verifyCommand } from './verify-command.js';
import { houseCommand, pairsCommand, pricesCommand } from './markets-command.js';
import { exchangesCommand } from './exchanges-command.js';
import { rfisCommand } from './rfis-command.js';
import { manageesCommand } from './managees-command.js';
import { businessCommand } from './business-command.js';
import { loginCommand } from './login-command.js';
import { callCommand } from './call-command.js';
import { asksForHelp, helpOf } from './command-help.js';
import { readPackageVersion } from './package-version.js';
import { quickbuyCommand } from './quickbuy-command.js';

export const USAGE = `usage: ibanera-server <command>
  serve                      start the HTTP server (what npm start runs)
  migrate                    bring the database schema up to date
  principals <subcommand>    create, list, suppress, unsuppress, unlock, set-callback; show the demo one
  verify                     check the ledger's invariants (exit 1, naming each problem, if any fails)
  screening <subcommand>     add, remove, list blocked withdrawal addresses; rules: flagging rules
  rfis <subcommand>          list, show, accept, reject, ask: compliance review of information requests
  managees <subcommand>      list, show, accept, reject: decide managees' KYC (production and sandbox)
  callbacks <subcommand>     list callbacks and their delivery attempts; replay one
  idempotency cleanup        remove expired idempotency keys now; prints how many
  cards <subcommand>         approve a managee card's request; suspend, reinstate, close a card
  totp --secret S            print the current TOTP code for a Base32 secret
  pairs <subcommand>         list, set, disable trading pairs (crypto and FX)
  prices <subcommand>        set, list the prices pairs trade at
  exchanges <subcommand>     approve, reject exchanges waiting for approval; list-waiting
  house positions            the house's position and revenue per asset
  business decide            decide a submitted business verification (KYB): --customers-id N --status Accepted|Rejected
  login --demo | --username U --password P --secret S [--url URL]   log in to the API over HTTP (session kept for call)
  call METHOD PATH [--data JSON]                                    call the API as the logged-in principal; prints the envelope
  quickbuy keys <subcommand> create, list, revoke QuickBuy API keys (Pro API, widget, callbacks)
  --version                  print the version; <command> --help for a command's options
Configuration comes from the environment (DATABASE_URL, PORT, MODE, …); see the README.`;

/** Commands that open (and migrate) the database; anything else is refused before touching it. */
const DATABASE_COMMANDS = new Set([
  'migrate',
  'principals',
  'verify',
  'screening',
  'callbacks',
  'idempotency',
  'managees',
  'pairs',
  'prices',
  'exchanges',
  'house',
  'rfis',
  'business',
  'cards',
  'quickbuy',
]);

/** Runs one command. Returns the exit code, or null for `serve`, which keeps the process alive. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number | null> {
  const [command, ...args] = argv;
  try {
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`ibanera-server ${readPackageVersion()}\n`);
      return 0;
    }
    // Help never runs anything: not even `serve --help` starts a server.
    if (command !== undefined && command !== 'help' && asksForHelp(args)) {
      io.stdout(`${helpOf(command) ?? USAGE}\n`);
      return 0;
    }
    if (command === 'login') {
      await loginCommand(args, io);
      return 0;
    }
    if (command === 'call') return await callCommand(args, io);
    if (command === 'totp') {
      totpCommand(args, io);
      return 0;
    }
    if (command === 'help' && args[0] !== undefined && helpOf(args[0]) !== undefined) {
      io.stdout(`${helpOf(args[0]) ?? ''}\n`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'serve' && !DATABASE_COMMANDS.has(command)) throw new CliError(`unknown command: ${command}\n${USAGE}`, 2);
    const config = loadConfig(io.env);
    if (command === 'serve') {
      await serveCommand(config, io);
      return null;
    }
    return await withRuntime(config, io, (runtime) => runCommand(command, args, runtime, io));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`configuration error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function withRuntime(config: Config, io: CliIo, work: (runtime: Runtime) => Promise<void>): Promise<number> {
  const runtime = await openRuntime(config, io.cwd, io.clock);
  try {
    await work(runtime);
    return 0;
  } finally {
    await runtime.close();
  }
}

async function runCommand(command: string, args: readonly string[], runtime: Runtime, io: CliIo): Promise<void> {
  switch (command) {
    case 'migrate':
      io.stdout(`database schema is up to date (${runtime.database.dialect})\n`);
      return;
    case 'principals':
      return principalsCommand(runtime, args, io);
    case 'verify':
      return verifyCommand(runtime, io);
    case 'screening':
      return screeningCommand(runtime, args, io);
    case 'callbacks':
      return callbacksCommand(runtime, args, io);
    case 'idempotency':
      return idempotencyCommand(runtime, args, io);
    case 'pairs':
      return pairsCommand(runtime, args, io);
    case 'prices':
      return pricesCommand(runtime, args, io);
    case 'exchanges':
      return exchangesCommand(runtime, args, io);
    case 'house':
      return houseCommand(runtime, args, io);
    case 'rfis':
      return rfisCommand(runtime, args, io);
    case 'managees':
      return manageesCommand(runtime, args, io);
    case 'business':
      return businessCommand(runtime, args, io);
    case 'cards':
      return cardsCommand(runtime, args, io);
    case 'quickbuy':
      return quickbuyCommand(runtime, args, io);
    default:
      throw new CliError(`unknown command: ${command}\n${USAGE}`, 2);
  }
}
