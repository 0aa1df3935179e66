import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';

const ErrorItem = Type.Object({ errorType: Type.String(), fieldName: Type.String(), messageCode: Type.String() });

/** The envelope around a `details` schema, for the OpenAPI document. */
export function envelopeOf(details: TSchema): TSchema {
  return Type.Object({ id: Type.Integer(), details, status: Type.String({ enum: ['1', '0'] }), errors: Type.Array(ErrorItem) });
}

export function pagedEnvelopeOf(item: TSchema): TSchema {
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

export const ErrorEnvelope = envelopeOf(Type.Null());

/** Adds what every protected route documents: the bearer scheme and the `otp` header. */
export function protectedRoute(schema: FastifySchema & { tags?: string[]; summary?: string; description?: string }): FastifySchema {
  return {
    ...schema,
    security: [{ bearer: [] }],
    headers: Type.Object({ otp: Type.String({ description: 'The current TOTP (6 digits, 30 s step) from the shared secret.' }) }),
  } as FastifySchema;
}
