/** The callback types emitted so far (spec §5); later modules add theirs here. */
export const CALLBACK_TYPES = [
  'FIAT_DEPOSIT_RECEIVED',
  'CRYPTO_DEPOSIT_CREATED',
  'CRYPTO_DEPOSIT_UPDATED',
  'CRYPTO_WITHDRAWAL_CREATED',
  'CRYPTO_WITHDRAWAL_UPDATED',
  'TRANSACTION_STATUS_UPDATED',
  'MANAGEE_JUMIO_COMPLETED',
  'MANAGEE_KYC_UPDATED',
  'EXCHANGE_STATUS_UPDATED',
] as const;

export type CallbackType = (typeof CALLBACK_TYPES)[number];
