import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DESTINATION_ADDRESS_LENGTH_MAX, type CryptoService } from '../../../accounts/index.js';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { Clock } from '../../../shared/clock.js';
import { success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { envelopeOf, ErrorEnvelope, protectedRoute } from '../../route-schema.js';
import { AmountField, IdField, StringField } from '../../schema-types.js';
import { WithdrawalResult } from './transaction-schemas.js';

export interface CryptoRouteDeps {
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly crypto: CryptoService;
}

const TAGS = ['Accounts'];
const DEPOSIT_ADDRESS_PATH = '/api/v1/customer/accounts/crypto/depositaddress';
const AddressEnvelope = envelopeOf(Type.Object({ address: Type.String() }));

export function cryptoRoutes(app: FastifyInstance, deps: CryptoRouteDeps): void {
  app.get<{ Querystring: { AccountsId: number } }>(
    DEPOSIT_ADDRESS_PATH,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "The crypto account's deposit address (deterministic per account)",
        querystring: Type.Object({ AccountsId: IdField() }),
        response: { 200: AddressEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await deps.crypto.depositAddress(request.principalCustomersId, request.query.AccountsId)),
  );
  // Ibanera's prose (and a real client) send the account id in a POST body: tolerated (spec §8.12, §8.22).
  app.post<{ Body: { AccountsId: number } }>(
    DEPOSIT_ADDRESS_PATH,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'The same, with the account id in a JSON body',
        body: Type.Object({ AccountsId: IdField() }),
        response: { 200: AddressEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await deps.crypto.depositAddress(request.principalCustomersId, request.body.AccountsId)),
  );

  app.post<{ Body: { accountsId: number; amount: bigint; destinationAddress: string } }>(
    '/api/v1/customer/accounts/crypto/withdraw',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Withdraw crypto to an external wallet (creates a pending outbound transaction)',
        body: Type.Object({ accountsId: IdField(), amount: AmountField(), destinationAddress: StringField({ maxLength: DESTINATION_ADDRESS_LENGTH_MAX }) }),
        response: { 200: envelopeOf(WithdrawalResult), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) =>
      idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.crypto.withdraw(request.principalCustomersId, request.body, ctx), (result) => success(result, result.id)),
  );
}
