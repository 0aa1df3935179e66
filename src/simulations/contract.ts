import { Type, type Static } from '@sinclair/typebox';
import { envelopeOf } from '../shared/contract-envelope.js';
import { AmountField, BooleanField, EnumField, IdField, Nullable, StringField } from '../shared/contract-fields.js';

/** The Simulated Testing module (sandbox only): Ibanera's pay-in simulation, and ours. */
export const SIMULATION_TEXT_LENGTH_MAX = 100;

export const PayInBody = Type.Object({
  DestinationAccountId: IdField(),
  TransferType: EnumField(['ACH', 'WIRE', 'SWIFT'] as const, { description: 'ACH or WIRE for US domestic accounts, SWIFT for international ones.' }),
  Amount: AmountField(),
  Name: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })),
  Reference: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })),
});
export type PayInBody = Static<typeof PayInBody>;

export const CryptoDepositBody = Type.Object({
  DestinationAccountId: IdField(),
  Amount: AmountField(),
  SourceAddress: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })),
  bComplete: Type.Optional(BooleanField()),
});
export type CryptoDepositBody = Static<typeof CryptoDepositBody>;

export const EndTransactionBody = Type.Object({ TransactionsId: IdField(), Reason: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })) });

/** Ibanera's pay-in simulation answers without `details`; `id` is the new transaction's id (ours). */
export const NoDetailsEnvelope = Type.Object({ id: Type.Integer(), status: Type.String(), errors: Type.Array(Type.Unknown()) });
export const TransactionEnded = Type.Object({ transactionsId: Type.Integer(), rollbackTransactionId: Nullable(Type.Integer()) });
export type TransactionEnded = Static<typeof TransactionEnded>;
export const EndedEnvelope = envelopeOf(TransactionEnded);
