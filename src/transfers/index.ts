export type { TransfersServices } from './module.js';
export { BankDirectory, parseBankDirectory, type BankEntry } from './bank-directory.js';
export type { InternalKind } from './internal-transfer-service.js';
export type { ExternalTransferBody, InternalTransferBody, Originator, PayeeFields } from './contract.js';
export { PURPOSE_CODES } from './purpose-codes.js';
export { REVERSAL_REASONS } from './reversal-service.js';
export {
  CreatePayeeBody as CreatePayeeBodySchema,
  EditPayeeBody as EditPayeeBodySchema,
  ExternalTransferBody as ExternalTransferBodySchema,
  InternalTransferBody as InternalTransferBodySchema,
} from './contract.js';
