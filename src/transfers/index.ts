export { BankDirectory, parseBankDirectory, type BankEntry } from './bank-directory.js';
export { CancellationService } from './cancellation-service.js';
export { ExternalTransferService, type ExternalTransferInput, type OriginatorInput } from './external-transfer-service.js';
export { InternalTransferService, type InternalKind, type InternalTransferInput } from './internal-transfer-service.js';
export type { PayeeFields } from './payee-rules.js';
export { PayeesService, type PayeeRequest } from './payees-service.js';
export { PURPOSE_CODES } from './purpose-codes.js';
export { REVERSAL_REASONS, ReversalService } from './reversal-service.js';
