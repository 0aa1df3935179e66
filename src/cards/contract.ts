import { Type, type Static } from '@sinclair/typebox';
import { pagingQueryFields } from '../shared/contract-envelope.js';
import { AmountField, DecimalOut, EnumField, IdField, IntField, Nullable, StringField } from '../shared/contract-fields.js';

/**
 * The Cards chapter's wire contract (modules-facts.md §3, decisions-modules.md Cards). Ids come
 * under every spelling the docs use (`CardId`, `CardsId`, `TopUpCardsId`; `CustomersId`,
 * `CustomerId`): each spelling is its own optional field, and card-ids.ts picks the one given.
 */
const text = (maxLength: number, description?: string) => Type.Optional(StringField({ maxLength, ...(description === undefined ? {} : { description }) }));
const optionalId = (description?: string) => Type.Optional(IdField(description === undefined ? {} : { description }));
export const REFERENCE_LENGTH_MAX = 140;
export const MERCHANT_NAME_LENGTH_MAX = 100;

/** Every spelling of a card id the docs use, all optional (one is required, see card-ids.ts). */
export const cardIdFields = {
  CardId: optionalId('The card (carddetails, sensitive-details spell it so).'),
  CardsId: optionalId('The card (activate, transactions; `cardsId` too).'),
  TopUpCardsId: optionalId('The card (changecardpin spells it so).'),
};
/** Every spelling of a customer id the docs use (`customersID` binds as CustomersId: keys are case-insensitive). */
export const customerIdFields = {
  CustomersId: optionalId('The customer: the principal itself or one of its managees.'),
  CustomerId: optionalId('Alias of CustomersId.'),
};

// Shipping and review details

export const ShippingAddress = Type.Object({
  shippingAddressLine1: text(100),
  shippingAddressLine2: text(100),
  shippingAddressCity: text(60),
  shippingAddressState: text(40, 'A US state code (FL) for US addresses and every card with a DDA.'),
  shippingAddressPostcode: text(20, 'US: 12345 or 12345-1234.'),
  shippingAddressCountry: text(3, 'ISO 3166-1 alpha-3 (USA); alpha-2 accepted. Cards with a DDA ship to USA only.'),
});
export type ShippingAddress = Static<typeof ShippingAddress>;

export const PersonalReviewDetails = Type.Object({
  sourceOfFunds: Type.Optional(Type.Array(StringField({ maxLength: 50 }), { maxItems: 10 })),
  estimatedGrossAnnualIncome: Type.Optional(AmountField()),
  estimatedNetWorth: Type.Optional(AmountField()),
  activelyEmployed: Type.Optional(Type.Boolean()),
  employedCompanyName: text(200),
  employedJobTitle: text(100),
});
export type PersonalReviewDetails = Static<typeof PersonalReviewDetails>;

export const BusinessReviewDetails = Type.Object({
  legalEntityName: text(200),
  doingBusinessAs: text(200),
  entityType: text(30, 'LLC, Corporation, Partnership, Sole Proprietor (Sole Proprietorship on create-with-dda).'),
  registeredAddressStreet: text(140),
  registeredAddressNumber: text(20),
  registeredAddressCity: text(60),
  registeredAddressState: text(40),
  registeredAddressPostcode: text(20),
  registeredAddressCountry: text(3),
  operatingAddressStreet: text(140),
  operatingAddressCity: text(60),
  operatingAddressState: text(40),
  operatingAddressPostcode: text(20),
  operatingAddressCountry: text(3),
});
export type BusinessReviewDetails = Static<typeof BusinessReviewDetails>;

// Create

export const CreateCardBody = Type.Object({
  ...customerIdFields,
  currency: text(5, 'USD (a card is a USD ledger account).'),
  cardReferenceId: text(64),
  shippingMethod: text(20, 'Standard or Express (Priority from the older version); physical cards only.'),
  cardProgramID: Type.Optional(IntField({ minimum: 1, description: 'A card program from compliancefields (1000 by default on create).' })),
  cardType: text(20, 'Physical or Virtual. Absent: Virtual on create (the older body has no shipping), Physical on create-with-dda.'),
  shippingAddress: Type.Optional(ShippingAddress),
  personalReviewDetails: Type.Optional(PersonalReviewDetails),
  businessReviewDetails: Type.Optional(BusinessReviewDetails),
  // The older body (a real client's): numeric code ids as strings, from compliancefields.
  customerSubtype: text(10, 'Older body: a customerSubtypes id from compliancefields.'),
  businessActivityType: text(10, 'Older body: a businessActivityTypes id from compliancefields.'),
  occupationType: text(10, 'Older body: an occupationTypes id from compliancefields.'),
  sourceOfFundsType: text(10, 'Older body: a Source of Funds Types id from compliancefields.'),
});
export type CreateCardBody = Static<typeof CreateCardBody>;

const balances = { totalBalance: DecimalOut(), availableBalance: DecimalOut(), pendingBalance: DecimalOut() };

export const CardSummary = Type.Object({ id: Type.Integer(), currency: Type.String(), ...balances, status: Type.String() });
export const CreatedCard = Type.Object({
  id: Type.Integer({ description: 'Ours: the card id (the envelope id too).' }),
  customersId: Type.Integer(),
  customersReference: Type.String(),
  card: CardSummary,
  feeTransactionId: Nullable(Type.Integer({ description: 'The issue fee taken from the DDA (create-with-dda), or null.' })),
});
export type CreatedCard = Static<typeof CreatedCard> & { readonly id: number };

// Activate, deactivate, PIN

export const CardIdBody = Type.Object({ ...cardIdFields });
export type CardIdBody = Static<typeof CardIdBody>;

export const ActivatedCard = Type.Object({
  id: Type.Integer({ description: 'Ours: the card id (the envelope id too).' }),
  customersId: Type.Integer(),
  customerReference: Type.String(),
  card: Type.Object({
    id: Type.Integer(),
    cardNumber: Type.String({ description: 'Masked: only sensitive-details shows the number.' }),
    currency: Type.String(),
    ...balances,
    bSuppressed: Type.Boolean(),
    status: Type.String(),
  }),
  notificationDetails: Type.Object({ siteUsersDetails: Type.Array(Type.Unknown()) }),
});
export type ActivatedCard = Static<typeof ActivatedCard>;

export const ChangePinBody = Type.Object({ ...cardIdFields, OldPin: text(4), NewPin: text(8, 'Four digits, not trivial (0000, 1234…).') });
export type ChangePinBody = Static<typeof ChangePinBody>;
export const PinChanged = Type.Object({ TopUpCardsId: Type.Integer() });

// Reads

export const CustomersQuery = Type.Object({ ...customerIdFields });
export const CardIdQuery = Type.Object({ ...cardIdFields });
export const PagingCustomersQuery = Type.Object({ ...customerIdFields, ...pagingQueryFields });

export const ReviewDetails = Type.Object({
  personalReviewDetails: Type.Object({
    sourceOfFunds: Type.Array(Type.String()),
    estimatedGrossAnnualIncome: Nullable(DecimalOut()),
    estimatedNetWorth: Nullable(DecimalOut()),
    activelyEmployed: Nullable(Type.Boolean()),
    employedCompanyName: Nullable(Type.String()),
    employedJobTitle: Nullable(Type.String()),
  }),
  types: Type.Object({ sourceOfFunds: Type.Array(Type.String()) }),
  requiredDocuments: Type.Optional(Type.Array(Type.String())),
  bReviewDetailsRequired: Type.Boolean({ description: 'Whether create must carry review details (the customer is older than 6 months).' }),
});

const CodeItem = Type.Object({ id: Type.Integer(), name: Type.String() });
export const ComplianceFields = Type.Object({
  customerSubtypes: Type.Array(CodeItem),
  businessActivityTypes: Type.Array(CodeItem),
  occupationTypes: Type.Array(CodeItem),
  sourceOfFundsTypes: Type.Array(CodeItem),
  cardPrograms: Type.Array(CodeItem),
  currencies: Type.Array(Type.String()),
  cardTypes: Type.Array(Type.String()),
  shippingMethods: Type.Array(Type.String()),
});

export const CustomerCardsItem = Type.Object({
  customersId: Type.Integer(),
  customersReference: Type.String(),
  cards: Type.Array(Type.Object({ id: Type.Integer(), currency: Type.String(), cardNumber: Type.String(), ...balances, bSuppressed: Type.Boolean() })),
});
export const CustomerCards = Type.Object({
  CustomersId: Type.Integer(),
  CustomersReference: Type.String(),
  Cards: Type.Array(
    Type.Object({
      Id: Type.Integer(),
      Currency: Type.String(),
      TotalBalance: DecimalOut(),
      AvailableBalance: DecimalOut(),
      PendingBalance: DecimalOut(),
      bSuppressed: Type.Boolean(),
    }),
  ),
});

export const CardDetails = Type.Object({
  id: Type.Integer(),
  customersID: Type.Integer(),
  customersReference: Type.String(),
  cardHolderName: Type.String(),
  cardLast4: Type.String(),
  currency: Type.String(),
  ...balances,
  status: Type.String(),
  cardType: Type.String(),
  approvalStatus: Type.String(),
  bHasPin: Type.Boolean(),
  bPinLocked: Type.Boolean(),
});

const BankAccount = Type.Object({
  id: Type.Integer(),
  accountNumber: Nullable(Type.String()),
  routingNumber: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  bankName: Nullable(Type.String()),
  bankAddress: Nullable(Type.String()),
  productDisplayName: Nullable(Type.String()),
  productAddress: Nullable(Type.String()),
});
export const SensitiveDetails = Type.Object({
  cardHolderName: Type.String(),
  expiryDate: Type.String({ format: 'date-time' }),
  cardNumber: Type.String(),
  cvc: Type.String(),
  accounts: Type.Array(BankAccount),
});

export const CardBalanceItem = Type.Object({
  id: Type.Integer(),
  customersReference: Type.String(),
  cardHolderName: Type.String(),
  cardLast4: Type.String(),
  customersID: Type.String({ description: 'A string, as the documented schema has it.' }),
  currency: Type.String({ description: 'Lower case, as the documented example (usd).' }),
  ...balances,
  status: Type.String(),
});

export const CardTransactionsQuery = Type.Object({
  ...cardIdFields,
  fromDate: text(40, 'ISO 8601; a date alone is the start of that day (UTC).'),
  toDate: text(40, 'ISO 8601; a date alone covers that whole day (UTC).'),
  ...pagingQueryFields,
});
export type CardTransactionsQuery = Static<typeof CardTransactionsQuery>;
export const CardTransactionItem = Type.Object({
  id: Type.Integer(),
  cardsId: Type.Integer(),
  amount: DecimalOut(),
  currency: Type.String(),
  description: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
  bPending: Type.Boolean(),
  RefundTransactionsID: Nullable(Type.Integer()),
  status: Type.String({ description: 'Pending, Settled, Reversed or Expired (ours).' }),
  transactionType: Type.String({ description: 'TopUp, Withdrawal, CardToCard, Fee, Purchase, Refund (ours).' }),
});

// Money movements

export const TransferFundsBody = Type.Object({
  amount: AmountField(),
  reference: text(REFERENCE_LENGTH_MAX),
  transferTypes: EnumField(['TopUpCard', 'TopUpAccount', 'CardToCard'] as const),
  currencyType: text(5, 'USD (dUSD is for subledger customers, which this server has none of).'),
  DestinationCardId: optionalId(),
  SourceCardId: optionalId(),
  // Other spellings of the one card of a TopUpCard (its destination) or TopUpAccount (its source).
  ...cardIdFields,
  ...customerIdFields,
  CustomerAssetAccountId: optionalId('The USD account (TopUpCard: the source; TopUpAccount: the destination).'),
  CustomerAssetAccountsId: optionalId('Alias of CustomerAssetAccountId.'),
});
export type TransferFundsBody = Static<typeof TransferFundsBody>;

export const TopUpBody = Type.Object({
  CustomerAssetAccountsId: IdField(),
  ...cardIdFields,
  Amount: AmountField(),
  Reference: text(REFERENCE_LENGTH_MAX),
  Type: EnumField(['Deposit', 'Withdraw'] as const, { description: 'Deposit: account to card; Withdraw: card to account.' }),
});
export type TopUpBody = Static<typeof TopUpBody>;

export const MoveFundsBody = Type.Object({ fromCardsId: IdField(), toCardsId: IdField(), amount: AmountField() });
export type MoveFundsBody = Static<typeof MoveFundsBody>;

export const CardTransfer = Type.Object({
  FromTransactionId: Type.Integer(),
  ToTransactionId: Type.Integer(),
  FeeTransactionId: Nullable(Type.Integer()),
  amount: DecimalOut(),
  feeAmount: DecimalOut(),
  description: Type.String(),
  bPending: Type.Boolean(),
  dateTime: Type.String({ format: 'date-time' }),
});
export type CardTransfer = Static<typeof CardTransfer>;

// Sandbox card network

export const AuthorizationBody = Type.Object({
  ...cardIdFields,
  Amount: AmountField(),
  MerchantName: StringField({ maxLength: MERCHANT_NAME_LENGTH_MAX }),
  MerchantCategoryCode: text(4, 'ISO 18245 merchant category code (4 digits).'),
});
export type AuthorizationBody = Static<typeof AuthorizationBody>;
export const Authorization = Type.Object({
  authorizationId: Type.Integer(),
  cardsId: Type.Integer(),
  cardTransactionsId: Type.Integer(),
  amount: DecimalOut(),
  merchantName: Type.String(),
  status: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Authorization = Static<typeof Authorization>;

export const CaptureBody = Type.Object({ AuthorizationId: IdField(), Amount: Type.Optional(AmountField({ description: 'At most the authorized amount; absent: all of it.' })) });
export type CaptureBody = Static<typeof CaptureBody>;
export const AuthorizationIdBody = Type.Object({ AuthorizationId: IdField() });
export const AuthorizationEnded = Type.Object({
  authorizationId: Type.Integer(),
  cardTransactionsId: Type.Integer(),
  capturedAmount: DecimalOut(),
  releasedAmount: DecimalOut(),
  status: Type.String(),
});
export type AuthorizationEnded = Static<typeof AuthorizationEnded>;

export const RefundBody = Type.Object({
  ...cardIdFields,
  Amount: AmountField(),
  MerchantName: StringField({ maxLength: MERCHANT_NAME_LENGTH_MAX }),
  AuthorizationId: optionalId('The captured purchase refunded (ours): its row then names the refund in RefundTransactionsID.'),
});
export type RefundBody = Static<typeof RefundBody>;
export const Refund = Type.Object({ cardTransactionsId: Type.Integer(), cardsId: Type.Integer(), amount: DecimalOut(), authorizationId: Nullable(Type.Integer()) });
export type Refund = Static<typeof Refund>;

export const ApprovalBody = Type.Object({ ...cardIdFields, Status: EnumField(['Approved', 'Rejected'] as const) });
export type ApprovalBody = Static<typeof ApprovalBody>;
export const Approval = Type.Object({ TopUpCardsId: Type.Integer(), RequestedTopUpCardsId: Type.Integer(), Status: Type.String(), bManuallyUpdated: Type.Boolean() });
export type Approval = Static<typeof Approval>;

/** The text fields of the documentupload form (the file is any one file field). */
export const DocumentUploadFields = Type.Object({
  customersId: IdField(),
  type: text(60, 'Tax Document (personal customers) or Corporate Authorization Document (business customers).'),
  documentSide: text(10, 'Front (default) or Back.'),
});

export const DocumentUploaded = Type.Object({
  documentsId: Type.Integer(),
  customersId: Type.Integer(),
  type: Type.String(),
  documentSide: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  addDate: Type.String({ format: 'date-time' }),
});
export type DocumentUploaded = Static<typeof DocumentUploaded>;
