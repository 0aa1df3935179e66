import type { Migration } from 'kysely';
import type { Config } from './config/config.js';
import type { DialectName } from './db/dialect.js';
import type { DatabaseHandle } from './db/open-database.js';
import type { Database } from './db/schema.js';
import type { RouteScope } from './http/type-provider.js';
import type { HoldExpiredHandler } from './ledger/index.js';
import type { Clock } from './shared/clock.js';

/** What every module's services are built from (config, the migrated database, the clock). */
export interface ModuleContext {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  /** The working directory relative paths in the configuration are resolved against. */
  readonly cwd: string;
}

/**
 * One API module as the manifest (src/modules.ts) lists it: the tables it owns, its migrations, how
 * its services are built from the services of the modules listed before it, and its routes.
 * `S` is what the module adds to the runtime's services; `D` what it needs from earlier modules.
 */
export interface ApiModule<S extends object = object, D extends object = object> {
  readonly name: string;
  /** The tables this module owns: only its own files write them (the architecture test checks). */
  readonly tables: readonly (keyof Database)[];
  /** Migrations added since the module slices (named `NNNN-what`, in one global order). */
  migrations?(dialect: DialectName): Record<string, Migration>;
  services?(ctx: ModuleContext, deps: D): S | Promise<S>;
  /** Called by the ledger's expiry sweep for every hold it releases, in the same transaction (the module ignores holds not its own). */
  readonly onHoldExpired?: HoldExpiredHandler;
  /** Routes without a token (login). */
  publicRoutes?(scope: RouteScope, services: S & D, ctx: ModuleContext): void;
  /** Routes that need a token and an OTP. */
  routes?(scope: RouteScope, services: S & D, ctx: ModuleContext): void;
  /** Routes that exist only in sandbox mode (simulations, the verification page). */
  sandboxRoutes?(scope: RouteScope, services: S & D, ctx: ModuleContext): void;
  /** Public routes that exist only in sandbox mode (pages a browser opens without a token). */
  sandboxPages?(scope: RouteScope, services: S & D, ctx: ModuleContext): void;
}

/** Declares a module with its types checked (the identity function). */
export function defineModule<S extends object, D extends object = object>(module: ApiModule<S, D>): ApiModule<S, D> {
  return module;
}
