import { Type, type TSchema } from '@sinclair/typebox';
import { IdField, IntField } from './contract-fields.js';

/**
 * The common envelope of every answer (spec §8.7) as schemas, for contracts and the OpenAPI
 * document: `{id, details, status, errors}`, plus the paging fields on lists.
 */
const ErrorItem = Type.Object({
  errorType: Type.String(),
  fieldName: Type.String(),
  messageCode: Type.String(),
  message: Type.String({ description: 'Ours (not in Ibanera\'s envelope): one English sentence saying what is wrong, e.g. "Amount has 3 decimals; USD allows 2".' }),
});

/** The envelope around a `details` schema. */
export function envelopeOf<T extends TSchema>(details: T) {
  return Type.Object({ id: Type.Integer(), details, status: Type.String({ enum: ['1', '0'] }), errors: Type.Array(ErrorItem) });
}

export function pagedEnvelopeOf<T extends TSchema>(item: T) {
  return Type.Object({
    id: Type.Integer(),
    details: Type.Array(item),
    pageSize: Type.Integer(),
    pageNumber: Type.Integer(),
    numberOfPages: Type.Integer(),
    status: Type.String({ enum: ['1', '0'] }),
    errors: Type.Array(ErrorItem),
  });
}

/** Every 4xx/5xx answer: `status` "0", `details` null, the errors (the example is a real answer). */
export const ErrorEnvelope = Type.Object(
  { id: Type.Integer(), details: Type.Null(), status: Type.String({ enum: ['0'] }), errors: Type.Array(ErrorItem) },
  {
    example: {
      id: 0,
      details: null,
      status: '0',
      errors: [{ errorType: 'BadRequest', fieldName: 'Amount', messageCode: 'Invalid', message: 'Amount has 3 decimals; USD allows 2.' }],
    },
  },
);

/** Query fields every list route accepts. */
export const pagingQueryFields = {
  PageNumber: Type.Optional(IntField({ minimum: 1, description: 'Page to return (default 1); a page past the end is an empty list.' })),
  PageSize: Type.Optional(IntField({ minimum: 1, description: 'Items per page (default 10, at most PAGE_SIZE_MAX).' })),
};

/** The query of a list with nothing but paging. */
export const PagingQuery = Type.Object(pagingQueryFields);

/** `Id` of one account, transaction, payee…, in a query. */
export const IdQuery = Type.Object({ Id: IdField() });
