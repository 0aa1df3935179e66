import type { Kysely, Migration } from 'kysely';

/**
 * Callbacks that go elsewhere than the principal's callback URL and are signed another way
 * (QuickBuy's `Quickbuy-Signature` to the merchant's QuickBuy URL): the row carries its target
 * URL, its signature header, and where its secret is kept (a source name and a reference), never
 * the secret itself. All null for the Ibanera callbacks, which keep their behaviour.
 */
export function callbackTargets(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('callbacks').addColumn('target_url', 'text').execute();
      await db.schema.alterTable('callbacks').addColumn('signature_header', 'text').execute();
      await db.schema.alterTable('callbacks').addColumn('secret_source', 'text').execute();
      await db.schema.alterTable('callbacks').addColumn('secret_ref', 'text').execute();
    },
  };
}
