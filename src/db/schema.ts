import type { Generated } from 'kysely';

/**
 * Table types. Booleans are stored as integers (0/1) and timestamps as ISO 8601 UTC text on both
 * databases, so that both return the same values; money columns are NUMERIC on PostgreSQL and TEXT
 * on SQLite and always travel as decimal strings.
 */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface CustomersTable {
  id: Generated<number>;
  kind: 'principal' | 'managee';
  manager_customers_id: number | null;
  name: string;
  /** KYC state: `Accepted` for principals; managees move through their own lifecycle. */
  kyc_status: string;
  date_added: string;
}

export interface PrincipalsTable {
  customers_id: number;
  /** Lower-cased: usernames are matched case-insensitively. */
  username: string;
  password_hash: string;
  totp_secret: string;
  b_verified: number;
  b_suppressed: number;
  failed_attempts: number;
  locked_until: string | null;
  /** The highest TOTP step used to log in; a code at or below it cannot log in again. */
  last_login_otp_step: number;
  date_added: string;
}

export interface Database {
  settings: SettingsTable;
  customers: CustomersTable;
  principals: PrincipalsTable;
}
