export { CALLBACK_TYPES, type CallbackType } from './callback-types.js';
export { CallbackWorker, type CallbackSettings, type WorkerLog } from './callback-worker.js';
export { checkCallbackUrl, CALLBACK_URL_LENGTH_MAX } from './callback-url.js';
export { deliverOnce } from './deliver.js';
export { emitTransactionCreated, emitTransactionEnded } from './events.js';
export {
  enqueueCallback,
  enqueueTargetedCallback,
  listAttempts,
  listCallbacks,
  recordAttempt,
  requeueCallback,
  type CallbackRow,
  type TargetedCallback,
} from './outbox-repository.js';
export { ibaneraSignature, signatureHeaders, timestampedSignature } from './signing.js';
export { transactionStatusUpdated } from './payloads.js';
export { registerSecretSource, type SecretSource } from './secret-sources.js';
