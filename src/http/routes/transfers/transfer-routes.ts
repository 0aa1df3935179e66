import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { Clock } from '../../../shared/clock.js';
import { PURPOSE_CODES, type BankDirectory, type ExternalTransferService, type InternalKind, type InternalTransferService, type OriginatorInput, type PayeeFields } from '../../../transfers/index.js';
import { success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { envelopeOf, ErrorEnvelope, protectedRoute } from '../../route-schema.js';
import { AmountField, BooleanField, DecimalOut, IdField, Nullable, StringField } from '../../schema-types.js';
import { payeeFields } from './payee-schemas.js';

export interface TransferRouteDeps {
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly internalTransfers: InternalTransferService;
  readonly externalTransfers: ExternalTransferService;
  readonly bankDirectory: BankDirectory;
}

const TAGS = ['Transfers'];
export const REFERENCE_LENGTH_MAX = 140;

const InternalBody = Type.Object({
  SourceAccountId: IdField(),
  DestinationAccountId: IdField(),
  Amount: AmountField(),
  Reference: Type.Optional(StringField({ maxLength: REFERENCE_LENGTH_MAX })),
});
const InternalResult = Type.Object({
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
const text = (maxLength: number) => Type.Optional(StringField({ maxLength }));
const ExternalBody = Type.Object({
  SourceAccountId: IdField(),
  TransferType: StringField({ maxLength: 10, description: 'ACH, Wire or SWIFT (any case).' }),
  Payee: Type.Optional(Type.Object(payeeFields)),
  PayeesId: Type.Optional(IdField({ description: 'A saved payee instead of an inline Payee.' })),
  Originator: Type.Optional(Type.Object({ CompanyId: text(50), Name: text(140), AddressLine1: text(140), AddressLine2: text(140), AddressLine3: text(140), Data: text(500) })),
  bSavePayee: Type.Optional(BooleanField()),
  Amount: AmountField(),
  Reference: Type.Optional(StringField({ maxLength: REFERENCE_LENGTH_MAX })),
  PurposeCode: Type.Optional(StringField({ maxLength: 10, description: 'Required for SWIFT; see the purpose codes list.' })),
});
const ExternalResult = Type.Object({
  transactionsId: Type.Integer(),
  feeTransactionId: Nullable(Type.Integer()),
  payeesId: Nullable(Type.Integer()),
  transferType: Type.String(),
  amount: DecimalOut(),
  feeAmount: DecimalOut(),
  transactionStatus: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
});

interface InternalRequest {
  SourceAccountId: number;
  DestinationAccountId: number;
  Amount: bigint;
  Reference?: string;
}

interface ExternalRequest {
  SourceAccountId: number;
  TransferType: string;
  Payee?: PayeeFields;
  PayeesId?: number;
  Originator?: OriginatorInput;
  bSavePayee?: boolean;
  Amount: bigint;
  Reference?: string;
  PurposeCode?: string;
}

export function transferRoutes(app: FastifyInstance, deps: TransferRouteDeps): void {
  const internal = (path: string, kind: InternalKind) =>
    app.post<{ Body: InternalRequest }>(
      path,
      { schema: protectedRoute({ tags: TAGS, summary: `Internal ${kind} transfer between two accounts of one asset (completes at once)`, body: InternalBody, response: { 200: envelopeOf(InternalResult), '4xx': ErrorEnvelope } }) },
      (request, reply) => {
        const b = request.body;
        const input = { sourceAccountId: b.SourceAccountId, destinationAccountId: b.DestinationAccountId, amount: b.Amount, reference: b.Reference ?? null };
        return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.internalTransfers.transfer(request.principalCustomersId, kind, input, ctx), (r) => success(r, r.transactionsId));
      },
    );
  internal('/api/v1/customer/transfers/fiat/createinternaltransfer', 'fiat');
  internal('/api/v1/customer/transfers/crypto/createinternaltransfer', 'crypto');

  app.post<{ Body: ExternalRequest }>(
    '/api/v3/customer/transfers/fiat/createexternaltransfer',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'External fiat transfer by ACH, Wire or SWIFT (pending until settled; a fee transaction from the fee schedule)',
        body: ExternalBody,
        response: { 200: envelopeOf(ExternalResult), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) => {
      const b = request.body;
      const input = {
        sourceAccountId: b.SourceAccountId,
        transferType: b.TransferType,
        ...(b.Payee === undefined || b.Payee === null ? {} : { payee: b.Payee }),
        ...(b.PayeesId === undefined || b.PayeesId === null ? {} : { payeesId: b.PayeesId }),
        ...(b.Originator === undefined || b.Originator === null ? {} : { originator: b.Originator }),
        savePayee: b.bSavePayee === true,
        amount: b.Amount,
        reference: b.Reference ?? null,
        ...(b.PurposeCode === undefined ? {} : { purposeCode: b.PurposeCode }),
      };
      return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.externalTransfers.transfer(request.principalCustomersId, input, ctx), (r) => success(r, r.transactionsId));
    },
  );

  app.get<{ Querystring: { SwiftCode?: string; RoutingNumber?: string } }>(
    '/api/v1/customer/transfers/lookupbankdetails',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Look up a bank by SWIFT code or routing number (from the bank directory file)',
        querystring: Type.Object({ SwiftCode: Type.Optional(StringField({ maxLength: 11 })), RoutingNumber: Type.Optional(StringField({ maxLength: 9 })) }),
        response: {
          200: envelopeOf(Type.Object({ swiftCode: Nullable(Type.String()), routingNumber: Nullable(Type.String()), bankName: Type.String(), address: Nullable(Type.String()), city: Nullable(Type.String()), country: Nullable(Type.String()) })),
          '4xx': ErrorEnvelope,
        },
      }),
    },
    (request) => success(deps.bankDirectory.lookup({ ...(request.query.SwiftCode === undefined ? {} : { swiftCode: request.query.SwiftCode }), ...(request.query.RoutingNumber === undefined ? {} : { routingNumber: request.query.RoutingNumber }) })),
  );

  app.get(
    '/api/v1/customer/transfers/purposecodes',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Transfer purpose codes (PurposeCode of external transfers)',
        response: { 200: envelopeOf(Type.Array(Type.Object({ code: Type.String(), description: Type.String() }))), '4xx': ErrorEnvelope },
      }),
    },
    () => success(PURPOSE_CODES),
  );
}
