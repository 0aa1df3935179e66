import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Where the secret of a callback with its own target is kept: a module registers a source by name
 * (QuickBuy: its API keys) for its database, and the worker asks it for the secret at delivery
 * time, so no secret is ever copied into the outbox. Returns null when the secret is gone (a
 * revoked key): the callback is not sent. Sources are kept per database (several runtimes may
 * share a process, as in tests).
 */
export type SecretSource = (db: Kysely<Database>, ref: string) => Promise<string | null>;

const sources = new WeakMap<Kysely<Database>, Map<string, SecretSource>>();

export function registerSecretSource(db: Kysely<Database>, name: string, source: SecretSource): void {
  const forDb = sources.get(db) ?? new Map<string, SecretSource>();
  forDb.set(name, source);
  sources.set(db, forDb);
}

export function secretSource(db: Kysely<Database>, name: string): SecretSource | undefined {
  return sources.get(db)?.get(name);
}
