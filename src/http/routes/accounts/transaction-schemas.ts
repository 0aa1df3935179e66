import { Type } from '@sinclair/typebox';
import { DecimalOut, Nullable } from '../../schema-types.js';

const NullableInt = () => Nullable(Type.Integer());
const NullableText = () => Nullable(Type.String());
const Details = (properties: Record<string, ReturnType<typeof NullableText>>) => Nullable(Type.Object(properties));

export const TransactionListItem = Type.Object({
  id: Type.Integer(),
  accountsId: Type.Integer(),
  fromTransactionsId: NullableInt(),
  fromAccountsId: NullableInt(),
  toTransactionsId: NullableInt(),
  toAccountsId: NullableInt(),
  amount: DecimalOut({ description: 'Negative for money leaving the account.' }),
  description: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
  bPending: Type.Boolean(),
  bCancellable: Type.Boolean(),
});

const t = NullableText;
export const TransactionDetail = Type.Object({
  transactionId: Type.Integer(),
  customerId: Type.Integer(),
  assetAccountId: Type.Integer(),
  assetClass: Type.String({ enum: ['Currency', 'Cryptocurrency'] }),
  asset: Type.String(),
  amount: DecimalOut(),
  description: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  transactionStatus: Type.String({ enum: ['Pending', 'Completed', 'Failed', 'Cancelled'] }),
  rollbackTransactionId: NullableInt(),
  originalTransactionId: NullableInt(),
  transactionType: Type.String(),
  feeTransactionId: NullableInt(),
  feeTransactionAmount: Nullable(DecimalOut()),
  bEligibleForReversal: Type.Boolean(),
  assetExchangeTransferDetails: Details({ assetExchangeType: t(), assetExchangeStatus: t(), fromAsset: t(), toAsset: t() }),
  achTransferDetails: Details({ paymentType: t(), achTransactionType: t(), direction: t(), accountNumber: t(), originatorRoutingNumber: t(), originatorName: t(), receiverRoutingNumber: t(), receiverName: t() }),
  wireTransferDetails: Details({ wirePaymentType: t(), accountNumber: t(), imad: t(), senderRoutingNumber: t(), senderName: t(), receiverRoutingNumber: t(), receiverName: t(), originatorName: t(), beneficiaryName: t(), completedAt: t() }),
  bookTransferDetails: Details({ debitSubAccountNumber: t(), creditSubAccountNumber: t() }),
  internalTransferDetails: Details({}),
  walletTransferDetails: Details({ fromWalletAddress: t(), toWalletAddress: t(), transactionHash: t() }),
  externalTransferDetails: Details({ paymentType: t(), transferType: t(), direction: t(), senderName: t(), receiverName: t(), reference: t(), completedAt: t() }),
});

export const WithdrawalResult = Type.Object({
  id: Type.Integer(),
  accountsId: Type.Integer(),
  amount: DecimalOut(),
  description: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
  bPending: Type.Boolean(),
});
