import { sql, type Kysely, type Migration } from 'kysely';
import { idColumnType, type DialectName } from '../../db/dialect.js';
import { inOneTransaction } from '../../db/migration-transaction.js';

/**
 * What deep pages of transactions need (transaction-positions.ts, transactions-service.ts):
 * - each row's position in its account's history (`account_seq`: 1 for the oldest, the account's
 *   `transaction_count` for the newest, in `date_time, id` order), so that page N of an account's
 *   list is a range of positions found by the index at any depth;
 * - each row's principal (`principal_customers_id`: its customer, or the customer's manager), so
 *   that the list across all accounts within a principal's reach walks one index in order instead of
 *   sorting every row of every customer in scope.
 * Existing rows are filled in here.
 */
export function transactionOrder(dialect: DialectName): Migration {
  return {
    up: inOneTransaction(dialect, async (db: Kysely<unknown>) => {
      await db.schema
        .alterTable('transactions')
        .addColumn('account_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('transactions')
        .addColumn('principal_customers_id', idColumnType(dialect), (c) => c.notNull().defaultTo(0))
        .execute();
      // UPDATE … FROM: PostgreSQL, and SQLite since 3.33 (better-sqlite3 12 ships 3.4x).
      await sql`
        update transactions set account_seq = r.n
        from (select id, row_number() over (partition by accounts_id order by date_time, id) as n from transactions) as r
        where transactions.id = r.id`.execute(db);
      await sql`
        update transactions set principal_customers_id = (select coalesce(c.manager_customers_id, c.id) from customers c where c.id = transactions.customers_id)`.execute(db);
      await db.schema.createIndex('transactions_account_seq_idx').on('transactions').columns(['accounts_id', 'account_seq']).execute();
      await db.schema.createIndex('transactions_principal_time_idx').on('transactions').columns(['principal_customers_id', 'date_time', 'id']).execute();
    }),
  };
}
