import { Type, type Static } from '@sinclair/typebox';
import { AmountField, BooleanField, DecimalOut, EnumField, IdField, IntField, Nullable, StringField } from '../shared/contract-fields.js';
import { pagingQueryFields } from '../shared/contract-envelope.js';

/** QuickBuy Pro's documented limits (QBP-CRE). */
export const REFERENCE_LENGTH = { minLength: 15, maxLength: 75 } as const;
export const NAME_LENGTH = { minLength: 2, maxLength: 100 } as const;
export const TIMEOUT_MIN = { minimum: 1, maximum: 10_080 } as const;
export const EMAIL_LENGTH_MAX = 254;
export const PHONE_LENGTH_MAX = 20;
export const REDIRECT_URL_LENGTH_MAX = 2048;
export const PRO_PAGE_SIZE_MAX = 1000;
export const ORDER_STATE_VALUES = ['NOT_STARTED', 'PENDING', 'CAPTURED', 'COMPLETE', 'EXPIRED'] as const;

export const ProCreateBody = Type.Object({
  client: Type.Object({
    reference: StringField({ ...REFERENCE_LENGTH, description: "The merchant's reference of the buyer (UserReference), 15–75 characters." }),
    first: StringField(NAME_LENGTH),
    last: StringField(NAME_LENGTH),
    email: StringField({ minLength: 3, maxLength: EMAIL_LENGTH_MAX }),
    phone: Type.Optional(StringField({ maxLength: PHONE_LENGTH_MAX })),
  }),
  payment: Type.Object({
    amount: AmountField({ description: 'What the card is charged, in USD (2 decimals at most).' }),
    currency: StringField({ maxLength: 3, description: '`USD` only.' }),
    timeoutMin: IntField({ ...TIMEOUT_MIN, description: 'Minutes the payment page accepts a card (1–10080).' }),
  }),
  redirectURL: Type.Optional(StringField({ maxLength: REDIRECT_URL_LENGTH_MAX, description: 'HTTPS; the page goes there 5 s after the card is processed.' })),
});
export type ProCreateBody = Static<typeof ProCreateBody>;

export const OrderIdQuery = Type.Object({ OrderID: StringField({ maxLength: 24, description: '24 hex digits.' }) });
export type OrderIdQuery = Static<typeof OrderIdQuery>;

export const ProListQuery = Type.Object({
  PageSize: Type.Optional(IntField({ minimum: 1, maximum: PRO_PAGE_SIZE_MAX, description: 'Default 10, at most 1000.' })),
  PageNumber: Type.Optional(IntField({ minimum: 1 })),
  HideExpired: Type.Optional(BooleanField()),
  State: Type.Optional(EnumField(ORDER_STATE_VALUES)),
});
export type ProListQuery = Static<typeof ProListQuery>;

/** Pro's envelope: `{success, details}` or `{success: false, message}`. */
export const ProSuccess = Type.Object({ success: Type.Boolean(), details: Type.Unknown() });
export const ProListSuccess = Type.Object({ success: Type.Boolean(), details: Type.Unknown(), pageSize: Type.Integer(), pageNumber: Type.Integer() });
export const ProDeleted = Type.Object({ success: Type.Boolean(), message: Type.String(), id: Type.String() });
export const ProFailure = Type.Object({ success: Type.Boolean(), message: Type.String(), messageCode: Type.String(), fieldName: Type.String() });

// ---- Quick Buy API (/api/v1/customer/quick-buy/…), the common envelope ----

export const CreateCustomerBody = Type.Object({
  FirstName: StringField(NAME_LENGTH),
  LastName: StringField(NAME_LENGTH),
  EmailAddress: StringField({ minLength: 3, maxLength: EMAIL_LENGTH_MAX }),
  PhoneNumber: Type.Optional(StringField({ maxLength: PHONE_LENGTH_MAX })),
  CountryISO: StringField({ maxLength: 3, description: 'ISO 3166-1 alpha-2 or alpha-3.' }),
  Reference: Type.Optional(StringField({ maxLength: REFERENCE_LENGTH.maxLength })),
});
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const CustomerView = Type.Object({
  customersId: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  emailAddress: Type.String(),
  phoneNumber: Type.Union([Type.String(), Type.Null()]),
  countryISO: Type.Union([Type.String(), Type.Null()]),
  reference: Type.Union([Type.String(), Type.Null()]),
  verificationStatus: Type.String(),
  addDate: Type.String(),
});

export const DocumentUploadFields = Type.Object({
  CustomersId: IdField(),
  DocumentType: Type.Optional(StringField({ maxLength: 50 })),
});

export const UploadedDocumentView = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  fileName: Type.String(),
  documentType: Type.Union([Type.String(), Type.Null()]),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  addDate: Type.String(),
});

export const CardsListQuery = Type.Object({ CustomersId: IdField(), ...pagingQueryFields });
export const CardIdQuery = Type.Object({ Id: IdField() });
export const CardIdBody = Type.Object({ Id: IdField({ description: 'The saved card (also CardId, CardsId).' }) });
export const SavedCardView = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  last4: Type.String(),
  maskedNumber: Type.String(),
  brand: Type.String(),
  expiryMonth: Type.Integer(),
  expiryYear: Type.Integer(),
  holderName: Type.String(),
  addDate: Type.String(),
});
export const DeletedCard = Type.Object({ id: Type.Integer(), bDeleted: Type.Boolean() });

export const CardFields = Type.Object({
  CardNumber: StringField({ maxLength: 30 }),
  ExpiryMonth: IntField({ minimum: 1, maximum: 12 }),
  ExpiryYear: IntField({ minimum: 0, maximum: 2099 }),
  Cvc: StringField({ maxLength: 4 }),
  HolderName: StringField({ maxLength: 100 }),
});

export const QuoteBody = Type.Object({
  CustomersId: Type.Optional(IdField()),
  AssetPair: StringField({ maxLength: 21, description: 'A crypto pair against USD, e.g. `BTC/USD`.' }),
  Amount: AmountField({ description: 'What the card would be charged, in USD, commission included.' }),
});
export type QuoteBody = Static<typeof QuoteBody>;

export const QuoteView = Type.Object({
  assetPair: Type.String(),
  price: DecimalOut(),
  amount: DecimalOut(),
  currency: Type.String(),
  cryptoAsset: Type.String(),
  cryptoAmount: DecimalOut(),
  commissionFee: DecimalOut(),
  dateQuoted: Type.String(),
});

export const SubmitBody = Type.Object({
  CustomersId: IdField(),
  AssetPair: StringField({ maxLength: 21 }),
  Amount: AmountField(),
  CardId: Type.Optional(IdField({ description: 'A saved card; or give Card.' })),
  Card: Type.Optional(CardFields),
  bSaveCard: Type.Optional(BooleanField({ description: 'Save the new card (sealed; shown as last 4).' })),
});
export type SubmitBody = Static<typeof SubmitBody>;

export const OrderView = Type.Object({
  id: Type.String(),
  customersId: Type.Integer(),
  source: Type.String(),
  status: Type.String(),
  assetPair: Type.String(),
  fiatAmount: Nullable(DecimalOut()),
  fiatCurrency: Type.String(),
  cryptoAsset: Type.String(),
  cryptoAmount: Nullable(DecimalOut()),
  price: Nullable(DecimalOut()),
  commissionFee: Nullable(DecimalOut()),
  cardLast4: Type.Union([Type.String(), Type.Null()]),
  cardId: Type.Union([Type.Integer(), Type.Null()]),
  chargeTransactionId: Type.Union([Type.Integer(), Type.Null()]),
  deliveryTransactionId: Type.Union([Type.Integer(), Type.Null()]),
  txHash: Type.Union([Type.String(), Type.Null()]),
  dateCreated: Type.String(),
  datePaid: Type.Union([Type.String(), Type.Null()]),
  dateCaptured: Type.Union([Type.String(), Type.Null()]),
  dateTransferred: Type.Union([Type.String(), Type.Null()]),
});

export const OrdersListQuery = Type.Object({ CustomersId: Type.Optional(IdField()), ...pagingQueryFields });
export const OrderGetQuery = Type.Object({ Id: StringField({ maxLength: 24, description: 'The order id (24 hex digits).' }) });

export const AvailablePairsQuery = Type.Object(pagingQueryFields);
