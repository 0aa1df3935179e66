import type { ModuleContext } from '../api-module.js';
import { paged } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf } from '../shared/contract-envelope.js';
import {
  CreateWalletBody,
  DeletedWallet,
  EditWalletBody,
  ListWalletsQuery,
  WalletIdBody,
  WalletView,
  WithdrawalV2Result,
  WithdrawToSavedWalletBody,
  WithdrawV2Body,
} from './contract.js';
import type { WalletsService } from './wallets-service.js';

const TAGS = ['Crypto wallets and withdrawals'];
const WALLETS = '/api/v1/customer/transfers/crypto/wallets';

/** Saved wallets (create, list, edit, delete) and the v2 withdrawals. */
export function walletsRoutes(app: RouteScope, wallets: WalletsService, ctx: ModuleContext): void {
  const WalletEnvelope = envelopeOf(WalletView);
  idempotentPost(
    app,
    `${WALLETS}/create`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Save a crypto wallet (the address checked as a withdrawal checks it)',
        body: CreateWalletBody,
        response: { 200: WalletEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => wallets.create(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${WALLETS}/edit`,
    {
      schema: protectedRoute({ tags: TAGS, summary: 'Rename a saved wallet or change its address', body: EditWalletBody, response: { 200: WalletEnvelope, '4xx': ErrorEnvelope } }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => wallets.edit(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${WALLETS}/delete`,
    {
      schema: protectedRoute({ tags: TAGS, summary: 'Delete a saved wallet', body: WalletIdBody, response: { 200: envelopeOf(DeletedWallet), '4xx': ErrorEnvelope } }),
      envelope: { details: 'result', id: 'walletId' },
    },
    (request, write) => wallets.delete(request.principalCustomersId, request.body.WalletId, write),
  );
  app.get(
    `${WALLETS}/list`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'List saved wallets (of one customer, or of all customers within reach; optionally of one asset)',
        querystring: ListWalletsQuery,
        response: { 200: pagedEnvelopeOf(WalletView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      const filter = { ...(q.CustomersId === undefined || q.CustomersId === 0 ? {} : { customersId: q.CustomersId }), ...(q.Asset === undefined ? {} : { asset: q.Asset }) };
      const result = await wallets.list(request.principalCustomersId, filter, pageFrom(q, ctx.config.pageSizeMax));
      return paged(result.items, result);
    },
  );

  const WithdrawalEnvelope = envelopeOf(WithdrawalV2Result);
  idempotentPost(
    app,
    '/api/v2/customer/transfers/crypto/withdraw',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Withdraw crypto to an address, optionally saving it as a wallet (a pending outbound transaction)',
        body: WithdrawV2Body,
        response: { 200: WithdrawalEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => wallets.withdraw(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    '/api/v2/customer/transfers/crypto/withdrawtosavedwallet',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Withdraw crypto to a saved wallet (a pending outbound transaction)',
        body: WithdrawToSavedWalletBody,
        response: { 200: WithdrawalEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => wallets.withdrawToSavedWallet(request.principalCustomersId, request.body, write),
  );
}
