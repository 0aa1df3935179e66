// The portal's money pages and sandbox buttons over HTTP, through the same services as the API:
// an external transfer to a new payee (fee shown at review, saved payee) and to a saved one, a
// crypto withdrawal, and every sandbox simulation (pay-in, crypto deposit, complete, fail, the
// identity check and both KYC decisions), each checked through the API afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADDRESSES, balancesOf, numText, PATHS, rowCounts, transactionDetail } from './helpers/accounts-helpers.js';
import { exactBody } from './helpers/test-server.js';
import { createManagee, manageeBody } from './helpers/managees-helpers.js';
import { hiddenValue, portalClient, type PortalClient } from './helpers/portal-helpers.js';
import { domesticPayee } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

describe('portal money movements and sandbox buttons', () => {
  let world: Awaited<ReturnType<typeof setUp>>;
  let client: PortalClient;
  /** The pending external transfer of the first test (failed by the sandbox test). */
  let externalId = 0;
  const exactDetail = async (id: number) => exactBody(await world.api.get(`${PATHS.transactionV2}?Id=${id}`)).details as Record<string, unknown>;
  const setUp = () =>
    createWorld({
      accounts: { usd: { asset: 'USD', payIn: '500.00' }, btc: { asset: 'BTC', cryptoDeposit: '0.5' } },
    });
  before(async () => {
    world = await setUp();
    client = await portalClient(world.server, world.principal);
  });
  after(async () => {
    await world?.server.close();
  });

  /** Review, then confirm with a fresh code; returns the created transaction's id. */
  async function move(fields: Record<string, string>): Promise<{ id: number; review: string }> {
    const review = await client.post('/portal/move/review', fields);
    assert.equal(review.statusCode, 200, review.body);
    world.server.clock.advance(30_000);
    const confirm = await client.post('/portal/move/confirm', { ...fields, _nonce: hiddenValue(review.body, '_nonce'), otp: world.server.otp(world.principal) });
    assert.equal(confirm.statusCode, 303, confirm.body);
    const id = Number(/^\/portal\/transactions\/(\d+)\?created=1$/.exec(String(confirm.headers.location))?.[1]);
    assert.ok(id > 0);
    return { id, review: review.body };
  }

  test('an external ACH transfer to a new payee shows the fee first, then holds amount and fee; the payee is saved', async () => {
    const payee = Object.fromEntries(Object.entries(domesticPayee()).map(([k, v]) => [`Payee.${k}`, String(v)]));
    const { id, review } = await move({ kind: 'external', SourceAccountId: String(world.accounts.usd), TransferType: 'ACH', Amount: '20.00', bSavePayee: 'true', ...payee });
    assert.match(review, /data-field="fee">1\.00 USD/);
    externalId = id;
    const detail = await exactDetail(id);
    assert.equal(detail.transactionStatus, 'Pending');
    assert.equal(numText(detail.feeTransactionAmount), '-1.00');
    const balances = await balancesOf(world.api, world.accounts.usd);
    assert.equal(balances.available, '479.00');
    const payees = await client.get('/portal/payees');
    assert.match(payees.body, /Joe Receiver/);
  });

  test('an external transfer to the saved payee', async () => {
    const list = await world.api.get('/api/v1/customer/payees/list');
    const payeesId = (JSON.parse(list.body) as { details: { id: number }[] }).details[0]?.id ?? 0;
    const { id } = await move({ kind: 'external', SourceAccountId: String(world.accounts.usd), TransferType: 'ACH', PayeesId: String(payeesId), Amount: '10.00' });
    assert.equal((await transactionDetail(world.api, id)).transactionType, 'ExternalTransfer');
  });

  test('a crypto withdrawal', async () => {
    const { id, review } = await move({ kind: 'crypto', accountsId: String(world.accounts.btc), destinationAddress: ADDRESSES.btcTestnet, amount: '0.1' });
    assert.match(review, /data-field="fee">0 BTC/);
    const detail = await exactDetail(id);
    assert.equal(numText(detail.amount), '-0.10000000');
  });

  test('sandbox: pay-in, crypto deposit, complete and fail a pending transaction', async () => {
    const payIn = await client.post('/portal/sandbox/pay-in', { DestinationAccountId: String(world.accounts.usd), TransferType: 'WIRE', Amount: '3.33' });
    assert.match(payIn.body, /Pay-in recorded as transaction #\d+/);
    const deposit = await client.post('/portal/sandbox/crypto-deposit', { DestinationAccountId: String(world.accounts.btc), Amount: '0.01', bComplete: 'false' });
    const depositId = Number(/Deposit recorded as transaction #(\d+)/.exec(deposit.body)?.[1]);
    assert.equal((await transactionDetail(world.api, depositId)).transactionStatus, 'Pending');
    const sandbox = await client.get('/portal/sandbox');
    assert.match(sandbox.body, new RegExp(`name="TransactionsId" value="${depositId}"`));
    const completed = await client.post('/portal/sandbox/complete', { TransactionsId: String(depositId) });
    assert.match(completed.body, new RegExp(`Transaction #${depositId} completed`));
    assert.equal((await transactionDetail(world.api, depositId)).transactionStatus, 'Completed');
    const external = externalId;
    const failed = await client.post('/portal/sandbox/fail', { TransactionsId: String(external) });
    assert.match(failed.body, /failed\./);
    assert.equal((await transactionDetail(world.api, external)).transactionStatus, 'Failed');
    const again = await client.post('/portal/sandbox/fail', { TransactionsId: String(external) });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Transaction_Not_Pending/);
  });

  test('an account opened from the overview (the accounts service, its rules)', async () => {
    const opened = await client.post('/portal/accounts/open', { CustomersId: String(world.principal.customersId), Asset: 'EUR', Name: 'Euro float' });
    assert.equal(opened.statusCode, 200, opened.body);
    const id = Number(/Account #(\d+) opened/.exec(opened.body)?.[1]);
    assert.equal((await balancesOf(world.api, id)).total, '0.00');
    const unknown = await client.post('/portal/accounts/open', { CustomersId: String(world.principal.customersId), Asset: 'XYZ', Name: 'Nope' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Asset: /);
  });

  test('sandbox: the identity check and both KYC decisions', async () => {
    const accept = await createManagee(world.api, manageeBody());
    const reject = await createManagee(world.api, manageeBody());
    for (const m of [accept, reject]) {
      const done = await client.post('/portal/sandbox/identity-check', { ManageesId: String(m.manageesId) });
      assert.match(done.body, /Identity check of managee #\d+ completed/);
    }
    assert.match((await client.post('/portal/sandbox/kyc', { ManageesId: String(accept.manageesId), decision: 'Accepted' })).body, /KYC Accepted/);
    assert.match((await client.post('/portal/sandbox/kyc', { ManageesId: String(reject.manageesId), decision: 'Rejected' })).body, /KYC Rejected/);
    const managees = await client.get('/portal/managees');
    assert.match(managees.body, /data-field="kyc">Accepted/);
    assert.match(managees.body, /data-field="kyc">Rejected/);
    const before = await rowCounts(world.server);
    const twice = await client.post('/portal/sandbox/kyc', { ManageesId: String(accept.manageesId), decision: 'Rejected' });
    assert.equal(twice.statusCode, 400);
    assert.deepEqual(await rowCounts(world.server), before);
  });
});
