import { Type, type Static } from '@sinclair/typebox';
import { envelopeOf, pagedEnvelopeOf, pagingQueryFields } from '../shared/contract-envelope.js';
import { DecimalOut, EnumField, IdField, IntField, Nullable, StringField } from '../shared/contract-fields.js';

/** The Information Requests (RFIs) module: Ibanera's three endpoints and our sandbox simulations. */
export const RFI_STATUSES = ['More Information Required', 'Under Review', 'Accepted', 'Rejected', 'Expired'] as const;
export type RfiStatus = (typeof RFI_STATUSES)[number];

/** Longest text answer, question and operator note. */
export const RFI_ANSWER_LENGTH_MAX = 4000;
export const RFI_QUESTION_LENGTH_MAX = 500;
export const RFI_NOTE_LENGTH_MAX = 1000;
/** Questions one request may carry (operator `ask --question` adds to them). */
export const RFI_QUESTIONS_MAX = 20;
/** The multipart field of a text answer is this prefix and the question id. */
export const ANSWER_FIELD_PREFIX = 'Answer_';
export const DOCUMENTS_FIELD = 'Documents';

export const ListRfisQuery = Type.Object({
  CustomersId: Type.Optional(IdField({ description: 'Only the requests of this customer (yourself or one of your managees).' })),
  ...pagingQueryFields,
});
export type ListRfisQuery = Static<typeof ListRfisQuery>;

export const RfiListItem = Type.Object({
  id: Type.Integer(),
  status: EnumField(RFI_STATUSES),
  addDate: Type.String(),
  expiryDate: Type.String({ description: 'addDate + RFI_EXPIRY_DAYS (ours: 7 by default, as in the docs example).' }),
  orderType: Type.String({ description: '`OUT` for money leaving, `IN` for money arriving (the docs show `OUT`).' }),
  name: Type.String({ description: 'The name of the customer the request is about.' }),
  customersId: Type.Integer(),
});
export type RfiListItem = Static<typeof RfiListItem>;
export const RfiListEnvelope = pagedEnvelopeOf(RfiListItem);

export const RfiDetailsQuery = Type.Object({
  Id: Type.Optional(IdField({ description: 'The information request (also accepted as InformationRequestsId).' })),
  InformationRequestsId: Type.Optional(IdField()),
});

export const RfiQuestion = Type.Object({
  id: Type.Integer(),
  question: Type.String(),
  answerType: EnumField(['Text', 'Document'] as const),
  bRequired: Type.Boolean(),
  answer: Nullable(Type.String()),
});

export const RfiDocument = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  addDate: Type.String(),
});

export const RfiDetails = Type.Object({
  ...RfiListItem.properties,
  note: Nullable(Type.String({ description: "Compliance's latest note (with More Information Required)." })),
  transactionsId: Nullable(Type.Integer()),
  exchangeId: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  amount: Nullable(DecimalOut()),
  asset: Nullable(Type.String()),
  dateSubmitted: Nullable(Type.String()),
  dateDecided: Nullable(Type.String()),
  questions: Type.Array(RfiQuestion),
  documents: Type.Array(RfiDocument),
});
export type RfiDetails = Static<typeof RfiDetails>;
export const RfiDetailsEnvelope = envelopeOf(RfiDetails);

/**
 * The text fields of a submission (multipart/form-data): the request, one `Answer_<questionId>`
 * per text answer (any number, described here by the pattern), and one or more `Documents` files.
 */
export const SubmitRfiFields = Type.Object({
  InformationRequestsId: Type.Optional(IdField({ description: 'The request answered (also accepted as Id).' })),
  Id: Type.Optional(IdField()),
});
export type SubmitRfiFields = Static<typeof SubmitRfiFields>;

export const SubmitRfiResult = Type.Object({ id: Type.Integer(), status: EnumField(RFI_STATUSES), documentsIds: Type.Array(Type.Integer()) });
export type SubmitRfiResult = Static<typeof SubmitRfiResult>;

export const OpenRfiBody = Type.Object({
  TransactionsId: Type.Optional(IdField()),
  // Not yet an id field (no exchange exists until the exchanges module registers its item kind;
  // then it becomes IdField() with its isolation strategy): until then any value is Invalid.
  ExchangeId: Type.Optional(IntField({ minimum: 1, description: 'An exchange awaiting its RFI (once the exchanges module is in).' })),
});
export type OpenRfiBody = Static<typeof OpenRfiBody>;

export const DecideRfiBody = Type.Object({
  Id: IdField(),
  Decision: EnumField(['Accepted', 'Rejected', 'More Information Required'] as const),
  Note: Type.Optional(StringField({ maxLength: RFI_NOTE_LENGTH_MAX })),
});
export type DecideRfiBody = Static<typeof DecideRfiBody>;

export const RfiDecided = Type.Object({ id: Type.Integer(), status: EnumField(RFI_STATUSES), rollbackTransactionId: Nullable(Type.Integer()) });
export type RfiDecided = Static<typeof RfiDecided>;
