import { Type, type Static, type TObject } from '@sinclair/typebox';
import { BooleanField, DecimalTextField, EnumField, IdField, Nullable, StringField } from '../shared/contract-fields.js';

const text = (maxLength: number) => Type.Optional(StringField({ maxLength }));
const number = () => Type.Optional(DecimalTextField({ description: 'A number or numeric string (kept exactly as given).' }));
const flag = () => Type.Optional(BooleanField());
const list = () => Type.Optional(Type.Array(Type.Unknown(), { maxItems: 50 }));

/** The fields of the create-managee body that the identity check and KYC use. */
const manageeCoreFields = {
  firstGivenName: StringField({ maxLength: 100 }),
  lastSurname: StringField({ maxLength: 100 }),
  fullName: text(200),
  emailAddress: StringField({ maxLength: 254 }),
  phoneNumber: StringField({ maxLength: 30 }),
  dateOfBirth: StringField({ maxLength: 10, description: 'YYYY-MM-DD; the managee must be an adult.' }),
  nationalityISO: StringField({ maxLength: 3, description: 'ISO 3166-1 alpha-3 (alpha-2 accepted).' }),
  AddressCountryISO: StringField({ maxLength: 3, description: 'ISO 3166-1 alpha-3 (alpha-2 accepted).' }),
  addressLine1: StringField({ maxLength: 200 }),
  townCity: StringField({ maxLength: 100 }),
  postcode: StringField({ maxLength: 20 }),
  StateProvince: text(100),
  manageesReference: text(100),
  taxNumber: text(50),
  occupation: text(100),
  fiatCurrencyCode: text(3),
  proofOfAddressFile: Type.Optional(StringField({ description: 'Base64 document, at most DOCUMENT_SIZE_MAX_BYTES once decoded.' })),
  ProofOfAddressType: text(50),
  bNotCriminal: flag(),
  bAccurateInfo: flag(),
};

/** The rest of the onboarding questionnaire (employment, expected activity…), stored as the profile. */
const manageeProfileFields = {
  EstimatedNetWorth: number(),
  EstimatedGrossAnnualIncome: number(),
  OtherBanks: list(),
  bActivelyEmployed: flag(),
  EmployedCompanyName: text(200),
  EmployedJobTitle: text(100),
  PurposeOfOpeningAccountTypes: list(),
  MonthlyTurnover: number(),
  AnticipatedTransactionActivity: number(),
  PurchaseCryptoMonthlyVolume: number(),
  PurchaseCryptoAverageAmount: number(),
  PurchaseCryptoTotalAmountPerMonth: number(),
  SellingCryptoAverageAmount: number(),
  SellingCryptoMonthlyVolume: number(),
  SellingCryptoTotalAmountPerMonth: number(),
  TotalMonthlyVolume: number(),
  TotalAverageAmount: number(),
  TotalMonthlyAmount: number(),
  BtcTradingPercentage: number(),
  EthTradingPercentage: number(),
  UsdcTradingPercentage: number(),
  OtherCoinsTradingPercentage: number(),
  SourceFundsTypes: list(),
  bIrsTax: flag(),
  bForeignAccountTax: flag(),
};

/**
 * The create-managee body (v5, as a real client sends it; v2–v4 accept the same). The fields the
 * identity check cannot do without are required; the rest of the questionnaire is optional.
 */
export const CreateManageeBody = Type.Object({ ...manageeCoreFields, ...manageeProfileFields });
export type CreateManageeBody = Static<typeof CreateManageeBody>;

/** Keys of the body that are ManageeInput fields; everything else goes to the profile. */
export const MANAGEE_CORE_FIELDS: ReadonlySet<string> = new Set(Object.keys(manageeCoreFields));

/** The create-managee body as a use case takes it: the core fields, the rest as the profile. */
export type ManageeInput = Static<TObject<typeof manageeCoreFields>> & {
  /** Every other answer (employment, expected activity, source of funds…), kept as given. */
  readonly profile: Readonly<Record<string, unknown>>;
};

export const CreatedManagee = Type.Object({ manageesId: Type.Integer(), customersReference: Type.String(), jumioLink: Nullable(Type.String()) });
export type CreatedManagee = Static<typeof CreatedManagee>;

export const ManageeListItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  emailAddress: Type.String(),
  dateAdded: Type.String({ format: 'date-time' }),
  verificationStatus: Type.String({ enum: ['Pending', 'Accepted', 'Rejected'] }),
  bJumioCompleted: Type.Boolean(),
  manageesReference: Nullable(Type.String()),
  customersReference: Type.String(),
});
export type ManageeListItem = Static<typeof ManageeListItem>;

/** Sandbox simulations of the managee lifecycle (ours). */
export const ManageesIdBody = Type.Object({ ManageesId: IdField() });
export const IdentityCheckCompleted = Type.Object({ manageesId: Type.Integer(), dateJumioCompleted: Type.String() });
export type IdentityCheckCompleted = Static<typeof IdentityCheckCompleted>;

export const REJECT_REASON_LENGTH_MAX = 500;
export const KycSimulationBody = Type.Object({
  ManageesId: IdField(),
  VerificationStatus: EnumField(['Accepted', 'Rejected'] as const),
  RejectReason: Type.Optional(StringField({ maxLength: REJECT_REASON_LENGTH_MAX })),
});
export const KycDecided = Type.Object({ manageesId: Type.Integer(), verificationStatus: Type.String(), accountsIds: Type.Array(Type.Integer()) });
export type KycDecided = Static<typeof KycDecided>;

/** The sandbox identity-verification page's path parameter. */
export const VerificationTokenParams = Type.Object({ token: StringField({ maxLength: 64 }) });
