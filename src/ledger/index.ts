export { apiBalances, legs, pendingBucket, type ApiBalances, type Bucket, type JournalDraft, type LegDraft, type StoredBalances } from './journal.js';
export {
  lockBalances,
  lockedAccountFromRow,
  openLedgerAccount,
  writeJournals,
  writeJournalsEach,
  type JournalOptions,
  type JournalsEachOptions,
  type LedgerAccountDraft,
  type LockedAccount,
  type LockedBalanceColumns,
} from './journal-repository.js';
export { endHold, findExpiredHolds, placeHolds, readHold, type HoldDraft, type HoldEnd, type HoldRow, type PlacedHolds } from './holds.js';
export { unitsFromColumn, unitsToColumn } from './money-column.js';
export { parseSystemAccount, systemAccount, SYSTEM_ACCOUNT_KINDS, type BankRail, type ChainName, type SystemAccountKind } from './system-accounts.js';
export { verifyLedger, type LedgerVerifyOptions } from './verify-ledger.js';
export { HOLD_EXPIRY_BATCH_SIZE, holdExpiryGraceMs, HoldExpiryWorker, releaseExpiredHolds, type HoldExpiredHandler } from './hold-expiry.js';
