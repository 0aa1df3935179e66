export { apiBalances, type ApiBalances, type StoredBalances } from './entries.js';
export { lockBalances } from './ledger-repository.js';
export { unitsFromColumn, unitsToColumn } from './money-column.js';
export { completeTransaction, failTransaction, readTransaction, recordTransaction, type NewTransaction, type TransactionRow } from './movements.js';
export { verifyLedger } from './verify-ledger.js';
