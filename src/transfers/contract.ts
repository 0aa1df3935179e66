import { Type, type Static } from '@sinclair/typebox';
import { pagingQueryFields } from '../shared/contract-envelope.js';
import { AmountField, BooleanField, DecimalOut, IdField, IntField, Nullable, StringField } from '../shared/contract-fields.js';

/** The Transfers, Payees and Transaction-cancellation wire contract. */
const text = (maxLength: number, description?: string) => Type.Optional(StringField({ maxLength, ...(description === undefined ? {} : { description }) }));
export const REFERENCE_LENGTH_MAX = 140;

// Payees (beneficiaries)

/** Payee fields as Ibanera's clients send them (inline in a transfer, or saved). */
export const payeeFields = {
  TransferType: text(10),
  PayeeType: text(20),
  Type: text(20, 'Personal (also Individual) or Company (also Business), any case; PayeeType is the same.'),
  Name: text(140),
  AccountName: text(140),
  AccountNumber: text(34),
  RoutingNumber: text(
    9,
    'ABA routing number (ACH, Wire). On an external Wire it may be left out when SwiftCode is given: the bank directory supplies it, and a bank it has none for makes the wire international (SWIFT).',
  ),
  SwiftCode: text(11),
  IntermediaryBic: text(11, "Optional BIC; only X's (XXXX), N/A, NA, NONE, NULL, - or empty mean no intermediary."),
  Iban: text(42),
  CountryCode: text(3, 'ISO 3166-1 alpha-3 (USA) or alpha-2 (US); USA by default for ACH and Wire.'),
  AddressLine1: text(140),
  TownCity: text(100),
  Postcode: text(20),
  State: text(100),
};
const PayeeFieldsObject = Type.Object(payeeFields);
/** What a request gives for a payee (already type-checked by the binder), before the rail's rules. */
export type PayeeFields = Static<typeof PayeeFieldsObject>;

const bVerified = () =>
  Type.Optional(BooleanField({ description: 'Sandbox: the bank account counts as linked (Plaid at Ibanera), so ACH pulls may draw on it. Ignored in production.' }));
export const CreatePayeeBody = Type.Object({ CustomersId: IdField(), CustomerAssetAccountsId: Type.Optional(IdField()), ...payeeFields, bVerified: bVerified() });
export type CreatePayeeBody = Static<typeof CreatePayeeBody>;
export const EditPayeeBody = Type.Object({ PayeesId: IdField(), CustomerAssetAccountsId: Type.Optional(IdField()), ...payeeFields, bVerified: bVerified() });
export type EditPayeeBody = Static<typeof EditPayeeBody>;
export const ListPayeesQuery = Type.Object({ CustomersId: Type.Optional(IdField()), ...pagingQueryFields });
export const PayeesIdBody = Type.Object({ PayeesId: IdField() });
export const DeletedPayee = Type.Object({ payeesId: Type.Integer(), bDeleted: Type.Boolean() });

const t = () => Nullable(Type.String());
export const PayeeView = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  customerAssetAccountsId: Nullable(Type.Integer()),
  payeeType: Type.String({ enum: ['Personal', 'Company'] }),
  transferType: Type.String({ enum: ['ACH', 'WIRE', 'SWIFT'] }),
  name: Type.String(),
  accountName: t(),
  accountNumber: t(),
  routingNumber: t(),
  swiftCode: t(),
  intermediaryBic: t(),
  iban: t(),
  countryCode: Type.String(),
  addressLine1: t(),
  townCity: t(),
  postcode: t(),
  state: t(),
  dateAdded: Type.String({ format: 'date-time' }),
  bVerified: Type.Boolean(),
});
export type PayeeView = Static<typeof PayeeView>;

// Internal transfers

export const InternalTransferBody = Type.Object({
  SourceAccountId: IdField(),
  DestinationAccountId: IdField(),
  Amount: AmountField(),
  Reference: Type.Optional(StringField({ maxLength: REFERENCE_LENGTH_MAX })),
});
export type InternalTransferBody = Static<typeof InternalTransferBody>;

export const InternalTransferResult = Type.Object({
  transactionsId: Type.Integer(),
  complementaryTransactionId: Type.Integer(),
  sourceAccountId: Type.Integer(),
  destinationAccountId: Type.Integer(),
  asset: Type.String(),
  amount: DecimalOut(),
  reference: Nullable(Type.String()),
  transactionStatus: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
});
export type InternalTransferResult = Static<typeof InternalTransferResult>;

// External transfers

/** The "with originator" variant's sender; every field optional (null and "" mean not given, as real clients send). */
export const Originator = Type.Object({ CompanyId: text(50), Name: text(140), AddressLine1: text(140), AddressLine2: text(140), AddressLine3: text(140), Data: text(500) });
export type Originator = Static<typeof Originator>;

export const ExternalTransferBody = Type.Object({
  SourceAccountId: IdField(),
  TransferType: StringField({
    maxLength: 12,
    description:
      'ACH, Wire, SWIFT or VisaDirect (any case; VisaDirect pays a card payee, CardPayeesId). A Wire to a bank abroad (a SwiftCode the bank directory has no routing number for) goes by SWIFT.',
  }),
  Payee: Type.Optional(PayeeFieldsObject),
  PayeesId: Type.Optional(IdField({ description: 'A saved payee instead of an inline Payee.' })),
  Originator: Type.Optional(Originator),
  bSavePayee: Type.Optional(BooleanField()),
  Amount: AmountField(),
  Reference: Type.Optional(StringField({ maxLength: REFERENCE_LENGTH_MAX })),
  PurposeCode: Type.Optional(StringField({ maxLength: 10, description: 'Required for SWIFT; see the purpose codes list.' })),
  CardPayeesId: Type.Optional(IdField({ description: 'TransferType VisaDirect: the card payee paid out to (a push to its debit card).' })),
});
export type ExternalTransferBody = Static<typeof ExternalTransferBody>;

export const ExternalTransferResult = Type.Object({
  transactionsId: Type.Integer(),
  feeTransactionId: Nullable(Type.Integer()),
  payeesId: Nullable(Type.Integer()),
  transferType: Type.String(),
  amount: DecimalOut(),
  feeAmount: DecimalOut(),
  transactionStatus: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
});
export type ExternalTransferResult = Static<typeof ExternalTransferResult>;

// Bank lookup and purpose codes

export const LookupBankQuery = Type.Object({ SwiftCode: Type.Optional(StringField({ maxLength: 11 })), RoutingNumber: Type.Optional(StringField({ maxLength: 9 })) });
export const BankDetails = Type.Object({
  swiftCode: Nullable(Type.String()),
  routingNumber: Nullable(Type.String()),
  bankName: Type.String(),
  address: Nullable(Type.String()),
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
});
export const CodeAndDescription = Type.Object({ code: Type.String(), description: Type.String() });
export const PurposeCodeList = Type.Array(CodeAndDescription);

// Cancellation and inbound reversal

export const CancelCheckQuery = Type.Object({ TransactionsId: IdField(), CustomersId: Type.Optional(IdField()) });
export const CancelCheck = Type.Object({ transactionsId: Type.Integer(), bCancellable: Type.Boolean() });
export const CancelBody = Type.Object({ TransactionsId: IdField(), CustomersId: Type.Optional(Nullable(IdField())) });
export const Cancelled = Type.Object({ transactionsId: Type.Integer(), cancellationRequestsCode: Type.String(), rollbackTransactionId: Nullable(Type.Integer()) });
export type Cancelled = Static<typeof Cancelled>;

export const TransactionsIdQuery = Type.Object({ TransactionsId: IdField() });
export const ReversalDetails = Type.Object({ transactionsId: Type.Integer(), bEligibleForReversal: Type.Boolean(), reasons: Type.Array(CodeAndDescription) });
export const REVERSAL_NOTES_LENGTH_MAX = 500;
export const ReverseBody = Type.Object({
  TransactionsId: IdField(),
  ReasonCode: StringField({ maxLength: 10 }),
  Notes: Type.Optional(StringField({ maxLength: REVERSAL_NOTES_LENGTH_MAX })),
});
export type ReverseBody = Static<typeof ReverseBody>;
export const Reversed = Type.Object({
  transactionsId: Type.Integer(),
  originalTransactionId: Type.Integer(),
  amount: DecimalOut(),
  reasonCode: Type.String(),
  transactionStatus: Type.String(),
  dateTime: Type.String(),
});
export type Reversed = Static<typeof Reversed>;

// ACH pull (decisions-modules.md, "Payees: card payees and ACH pull")

export const AchPullBody = Type.Object({ PayeesId: IdField(), DestinationAccountId: IdField(), Amount: AmountField() });
export type AchPullBody = Static<typeof AchPullBody>;
export const AchPullResult = Type.Object({
  transactionsId: Type.Integer(),
  payeesId: Type.Integer(),
  destinationAccountId: Type.Integer(),
  amount: DecimalOut(),
  transactionStatus: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
});
export type AchPullResult = Static<typeof AchPullResult>;

// Card payees (Visa Direct)

export const CARD_HOLDER_NAME_LENGTH_MAX = 140;
export const CreateCardPayeeBody = Type.Object({
  CustomersId: IdField(),
  Name: StringField({ maxLength: CARD_HOLDER_NAME_LENGTH_MAX, description: "The cardholder's name." }),
  CardNumber: StringField({ maxLength: 30, description: 'The debit card number (spaces and dashes allowed); checked by Luhn, stored encrypted, never shown again.' }),
  ExpiryMonth: IntField({ description: '1 to 12.' }),
  ExpiryYear: IntField({ description: 'Four digits; the card must not have expired (it is good through its expiry month).' }),
  CountryCode: Type.Optional(StringField({ maxLength: 3, description: "ISO 3166-1 alpha-3 or alpha-2 of the card's issuer; USA by default." })),
});
export type CreateCardPayeeBody = Static<typeof CreateCardPayeeBody>;
export const ListCardPayeesQuery = Type.Object({ CustomersId: Type.Optional(IdField()), ...pagingQueryFields });
export const CardPayeeView = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  name: Type.String(),
  cardLastFour: Type.String(),
  maskedCardNumber: Type.String(),
  expiryMonth: Type.Integer(),
  expiryYear: Type.Integer(),
  countryCode: Type.String(),
  dateAdded: Type.String({ format: 'date-time' }),
});
export type CardPayeeView = Static<typeof CardPayeeView>;
