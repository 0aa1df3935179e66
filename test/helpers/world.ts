// One set-up for the end-to-end tests: a test server, a logged-in principal holding the accounts a
// test file needs (funded through the sandbox simulations, over HTTP like any client), and on
// request a second principal (for isolation) and a real local receiver for the principal's
// callbacks. Close `server` (and `receiver`) in an `after` hook.
import { apiFor, createAccount, cryptoDeposit, payIn, type Api } from './accounts-helpers.js';
import { setCallbackSecret } from './callbacks-helpers.js';
import { CallbackReceiver } from './callbacks-receiver.js';
import { startTestServer, type TestPrincipal, type TestServer } from './test-server.js';

/** One account to open, and how to fund it (not at all by default). */
export interface AccountSpec {
  readonly asset: string;
  /** Defaults to `<asset> account`. */
  readonly name?: string;
  /** A simulated bank pay-in of this amount (a JSON literal): ACH for USD, SWIFT for other currencies. */
  readonly payIn?: string;
  /** A simulated on-chain deposit of this amount (a JSON literal), completed at once. */
  readonly cryptoDeposit?: string;
}

/** The accounts of one principal, by the name the test file gives each. */
export type AccountPlan = Readonly<Record<string, AccountSpec>>;

/** The id of each planned account, under the same names. */
export type AccountIds<Plan extends AccountPlan> = { readonly [Name in keyof Plan]: number };

/** A principal, its logged-in client and its accounts. */
export interface Party<Plan extends AccountPlan> {
  readonly principal: TestPrincipal;
  readonly api: Api;
  readonly accounts: AccountIds<Plan>;
}

export interface WorldOptions {
  /** Configuration variables for the server (e.g. `{ MODE: 'production' }`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The principal's accounts. */
  readonly accounts?: AccountPlan;
  /** A second principal, with its own accounts (for isolation tests). */
  readonly other?: { readonly accounts?: AccountPlan };
  /** Starts a local callback receiver and sends the principal's callbacks to this path on it, before any account exists. */
  readonly callbackPath?: string;
}

type PlanOf<Accounts> = Accounts extends AccountPlan ? Accounts : Record<never, AccountSpec>;

export type World<Options extends WorldOptions> = Party<PlanOf<Options['accounts']>> & {
  readonly server: TestServer;
  /** The second principal when `other` was given. */
  readonly other: Options['other'] extends object ? Party<PlanOf<NonNullable<Options['other']>['accounts']>> : undefined;
  /** The receiver of the principal's callbacks when `callbackPath` was given. */
  readonly receiver: Options['callbackPath'] extends string ? CallbackReceiver : undefined;
  /** The hash secret the principal's callbacks are signed with, when `callbackPath` was given. */
  readonly callbackSecret: Options['callbackPath'] extends string ? string : undefined;
};

/**
 * Starts a test server and sets up, in this order: the principal and the other principal (each
 * logged in), the callback receiver and URL, the principal's accounts, the other principal's.
 * On a failure it closes what it started, so a broken set-up does not keep the test file running.
 */
export async function createWorld<const Options extends WorldOptions = Record<never, never>>(options: Options = {} as Options): Promise<World<Options>> {
  const server = await startTestServer({ ...options.env });
  let receiver: CallbackReceiver | undefined;
  try {
    // Sequentially: each login moves the server's test clock to a fresh TOTP step.
    const api = await apiFor(server, await server.createPrincipal());
    const otherApi = options.other === undefined ? undefined : await apiFor(server, await server.createPrincipal());
    receiver = options.callbackPath === undefined ? undefined : await CallbackReceiver.start();
    const callbackSecret = receiver === undefined ? undefined : await setCallbackSecret(server, api.principal.username, receiver.url(options.callbackPath));
    const accounts = await openAccounts(api, options.accounts ?? {});
    const other = otherApi === undefined ? undefined : { principal: otherApi.principal, api: otherApi, accounts: await openAccounts(otherApi, options.other?.accounts ?? {}) };
    return { server, principal: api.principal, api, accounts, other, receiver, callbackSecret } as World<Options>;
  } catch (error) {
    await receiver?.close();
    await server.close();
    throw error;
  }
}

/** Opens every planned account in order, then funds them in the same order. */
async function openAccounts<Plan extends AccountPlan>(api: Api, plan: Plan): Promise<AccountIds<Plan>> {
  const ids: Record<string, number> = {};
  for (const [key, spec] of Object.entries(plan)) ids[key] = await createAccount(api, spec.asset, spec.name);
  for (const [key, spec] of Object.entries(plan)) {
    const id = ids[key] as number;
    if (spec.payIn !== undefined) await payIn(api, id, spec.payIn, spec.asset === 'USD' ? 'ACH' : 'SWIFT');
    if (spec.cryptoDeposit !== undefined) await cryptoDeposit(api, id, spec.cryptoDeposit);
  }
  return ids as AccountIds<Plan>;
}
