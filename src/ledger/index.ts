export { apiBalances, type ApiBalances, type StoredBalances } from './entries.js';
export { lockBalances } from './ledger-repository.js';
export { unitsFromColumn, unitsToColumn } from './money-column.js';
export { completeTransaction, failTransaction, linkLegs, linkTransaction, readTransaction, recordTransaction, recordTransactions, setTransactionDetails, type Leg, type NewTransaction, type TransactionLinks, type TransactionRow } from './movements.js';
export { verifyLedger } from './verify-ledger.js';
