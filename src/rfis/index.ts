export type { RfisServices } from './module.js';
export { RfisService, DEFAULT_QUESTIONS, type Actor, type OperatorDecision } from './rfis-service.js';
export { RfiExpiryWorker, expireDueRfis } from './expiry-worker.js';
export { RFI_STATUSES, RFI_NOTE_LENGTH_MAX, RFI_QUESTION_LENGTH_MAX, type RfiStatus } from './contract.js';
