import { Type, type Static } from '@sinclair/typebox';
import { BooleanField, IdField, IntField, Nullable, StringField } from '../shared/contract-fields.js';

/** Business onboarding (decisions-modules.md, "Business onboarding"; modules-facts.md §6). */
const text = (maxLength: number, description?: string) => StringField({ maxLength, ...(description === undefined ? {} : { description }) });
const optional = (maxLength: number, description?: string) => Type.Optional(text(maxLength, description));

export const PersonalDetails = Type.Object({
  FirstName: text(100),
  MiddleNames: optional(100),
  LastName: text(100),
  Reference: optional(100, 'Your reference for the business.'),
  CurrencyCode: text(3, 'The main currency: a fiat currency of the creation parameters.'),
  EmailAddress: text(254, "The main account holder's e-mail: the business user's username (unique)."),
  PhoneNumber: text(30, 'E.164: +, country code and number (spaces, dashes, dots and brackets are ignored).'),
});

export const REQUESTED_PRODUCTS_MAX = 20;
export const CreateBusinessBody = Type.Object({
  PersonalDetails,
  CompanyName: optional(200, "Ours: the business's name (the main account holder's name when absent)."),
  RegisteredCountryCode: text(3, 'ISO 3166-1 alpha-3 or alpha-2.'),
  bConductsThirdPartyPayments: Type.Optional(BooleanField()),
  RequestedProducts: Type.Array(text(50), { maxItems: REQUESTED_PRODUCTS_MAX, description: 'Products of the creation parameters (any case).' }),
  SendInvite: Type.Optional(BooleanField({ description: 'Record that a welcome e-mail is due (this server sends no mail).' })),
});
export type CreateBusinessBody = Static<typeof CreateBusinessBody>;

export const CreatedBusiness = Type.Object({
  id: Type.Integer(),
  customersReference: Type.String(),
  verificationStatus: Type.String(),
  bInviteDue: Type.Boolean(),
});
export type CreatedBusiness = Static<typeof CreatedBusiness>;

const Named = Type.Object({ id: Type.Integer(), name: Type.String() });
const CountryItem = Type.Object({ code: Type.String(), alpha2: Type.String(), name: Type.String() });
const CodeName = Type.Object({ code: Type.String(), name: Type.String() });

export const CreationParameters = Type.Object({
  countries: Type.Array(CountryItem),
  currencies: Type.Array(Type.String()),
  requestedProducts: Type.Array(Type.String()),
});

export const CustomersIdQuery = Type.Object({ CustomersId: IdField() });
export const VerificationParameters = Type.Object({
  countries: Type.Array(CountryItem),
  states: Type.Array(CodeName),
  mainActivityTypes: Type.Array(Named),
  sourceFundTypes: Type.Array(Named),
  transactionVolumes: Type.Array(Named),
  monthlyUsdEquivalents: Type.Array(Named),
  entityTypes: Type.Array(Type.String()),
  documentTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), bRequired: Type.Boolean() })),
});

/** The text fields of the upload form (multipart: `CustomersId`, `DocumentType`, file `Document`). */
export const UploadDocumentFields = Type.Object({ CustomersId: IdField(), DocumentType: text(50) });
export const BusinessDocument = Type.Object({
  documentId: Type.Integer(),
  documentType: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  addDate: Type.String({ format: 'date-time' }),
});
export type BusinessDocument = Static<typeof BusinessDocument>;
export const DeleteDocumentBody = Type.Object({ CustomersId: IdField(), DocumentId: IdField() });
export const DeletedDocument = Type.Object({ documentId: Type.Integer(), bDeleted: Type.Boolean() });

export const SubmitVerificationBody = Type.Object({
  CustomersId: IdField(),
  LegalEntityName: text(200),
  RegistrationNumber: text(50),
  EntityType: text(30, 'One of the verification parameters’ entityTypes.'),
  DateOfIncorporation: text(10, 'YYYY-MM-DD, in the past.'),
  AddressLine1: text(200),
  AddressLine2: optional(200),
  TownCity: text(100),
  Postcode: text(20),
  CountryCode: text(3, 'ISO 3166-1 alpha-3 or alpha-2.'),
  StateCode: optional(2, 'A US state code (required when CountryCode is USA).'),
  MainActivityType: IntField({ minimum: 0, description: 'An id of mainActivityTypes.' }),
  SourceFundTypes: Type.Array(IntField({ minimum: 0 }), { maxItems: 20, description: 'Ids of sourceFundTypes.' }),
  TransactionVolume: IntField({ minimum: 0, description: 'An id of transactionVolumes.' }),
  MonthlyUsdEquivalent: IntField({ minimum: 0, description: 'An id of monthlyUsdEquivalents.' }),
  TaxNumber: optional(50),
  Website: optional(200),
});
export type SubmitVerificationBody = Static<typeof SubmitVerificationBody>;

export const VerificationStatus = Type.Object({
  customersId: Type.Integer(),
  verificationStatus: Type.String({ enum: ['Not Submitted', 'Under Review', 'Accepted', 'Rejected'] }),
  dateSubmitted: Nullable(Type.String()),
  dateAccepted: Nullable(Type.String()),
  dateRejected: Nullable(Type.String()),
  rejectReason: Nullable(Type.String()),
  bInviteDue: Type.Boolean(),
  documents: Type.Array(BusinessDocument),
  missingDocumentTypes: Type.Array(Type.String()),
});
export type VerificationStatus = Static<typeof VerificationStatus>;
