// Accounts chapter, transactions: the list (newest first, filters, dates, paging, scope) and the
// detail object (schema superset, the rail's sub-object, statuses and rollback links).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exactBody, type TestServer } from './helpers/test-server.js';
import {
  ADDRESSES,
  assertError,
  assertLedgerSound,
  assertOk,
  createAccount,
  cryptoDeposit,
  json,
  newApi,
  numText,
  PATHS,
  payIn,
  transactionDetail,
  withdraw,
  type Api,
} from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const sorted = (keys: readonly string[]) => [...keys].sort();

const LIST_ITEM_KEYS = [
  'id',
  'accountsId',
  'fromTransactionsId',
  'fromAccountsId',
  'toTransactionsId',
  'toAccountsId',
  'amount',
  'description',
  'dateTime',
  'bPending',
  'bCancellable',
];
const DETAIL_KEYS = [
  'transactionId',
  'customerId',
  'assetAccountId',
  'assetClass',
  'asset',
  'amount',
  'description',
  'timestamp',
  'transactionStatus',
  'rollbackTransactionId',
  'originalTransactionId',
  'transactionType',
  'feeTransactionId',
  'feeTransactionAmount',
  'bEligibleForReversal',
  'assetExchangeTransferDetails',
  'achTransferDetails',
  'wireTransferDetails',
  'bookTransferDetails',
  'internalTransferDetails',
  'walletTransferDetails',
  'externalTransferDetails',
];
const SUB_OBJECTS = [
  'assetExchangeTransferDetails',
  'achTransferDetails',
  'wireTransferDetails',
  'bookTransferDetails',
  'internalTransferDetails',
  'walletTransferDetails',
  'externalTransferDetails',
];
const ACH_KEYS = ['paymentType', 'achTransactionType', 'direction', 'accountNumber', 'originatorRoutingNumber', 'originatorName', 'receiverRoutingNumber', 'receiverName'];
const WIRE_KEYS = [
  'wirePaymentType',
  'accountNumber',
  'imad',
  'senderRoutingNumber',
  'senderName',
  'receiverRoutingNumber',
  'receiverName',
  'originatorName',
  'beneficiaryName',
  'completedAt',
];
const EXTERNAL_KEYS = [
  'paymentType',
  'transferType',
  'direction',
  'imad',
  'senderAccountNumber',
  'senderRoutingNumber',
  'senderSwiftCode',
  'senderIban',
  'senderName',
  'originatorName',
  'receiverAccountNumber',
  'receiverRoutingNumber',
  'receiverSwiftCode',
  'receiverIban',
  'receiverName',
  'beneficiaryName',
  'reference',
  'completedAt',
];

/** Every key of the schema present, only `filled` non-null among the rail sub-objects. */
function assertDetailShape(detail: Item, filled: string | null): void {
  assert.deepEqual(sorted(Object.keys(detail)), sorted(DETAIL_KEYS));
  for (const name of SUB_OBJECTS) {
    if (name === filled) assert.ok(detail[name] !== null && typeof detail[name] === 'object', `${name} is filled`);
    else assert.equal(detail[name], null, `${name} is null`);
  }
}

function hasKeys(object: unknown, keys: readonly string[]): void {
  assert.ok(object !== null && typeof object === 'object');
  for (const key of keys) assert.ok(Object.hasOwn(object, key), `missing ${key} in ${JSON.stringify(object)}`);
}

async function listIds(api: Api, query: string): Promise<number[]> {
  const body = assertOk(await api.get(`${PATHS.transactions}${query}`));
  return (body.details as Item[]).map((i) => i.id as number);
}

describe('transactions list and detail', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let eur: number;
  let btc: number;
  const tx = { ach: 0, wire: 0, swift: 0, btcIn: 0, btcOut: 0 };

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD' }, eur: { asset: 'EUR' }, btc: { asset: 'BTC' } }, other: {} });
    ({
      server,
      api: alice,
      accounts: { usd, eur, btc },
      other: { api: bob },
    } = world);
    tx.ach = await payIn(alice, usd, '10.00', 'ACH');
    tx.wire = await payIn(alice, usd, '20.5', 'WIRE');
    const swift = await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${eur},"TransferType":"SWIFT","Amount":30,"Name":"Jane Sender","Reference":"INV-42"}`);
    tx.swift = assertOk(swift).id as number;
    tx.btcIn = await cryptoDeposit(alice, btc, '1.5');
    const out = await withdraw(alice, btc, '0.25', ADDRESSES.btcTestnet);
    tx.btcOut = (assertOk(out).details as Item).id as number;
  });
  after(async () => {
    await server?.close();
  });

  describe('GET /api/v1/customer/accounts/transactions', () => {
    test("lists the principal's transactions newest first with every documented field", async () => {
      const response = await alice.get(PATHS.transactions);
      const body = assertOk(response);
      assert.equal(body.pageNumber, 1);
      assert.equal(body.pageSize, 10);
      assert.equal(body.numberOfPages, 1);
      const items = body.details as Item[];
      assert.deepEqual(
        items.map((i) => i.id),
        [tx.btcOut, tx.btcIn, tx.swift, tx.wire, tx.ach],
      );
      for (const item of items) assert.deepEqual(sorted(Object.keys(item)), sorted(LIST_ITEM_KEYS));
      const times = items.map((i) => Date.parse(i.dateTime as string));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'dateTime descending',
      );

      const exact = new Map((exactBody(response).details as Item[]).map((i) => [Number(numText(i.id)), i]));
      const out = exact.get(tx.btcOut) as Item;
      assert.equal(numText(out.amount), '-0.25000000', 'a withdrawal is negative');
      assert.equal(out.bPending, true);
      assert.equal(out.bCancellable, false, 'crypto withdrawals cannot be cancelled');
      assert.equal(numText(out.fromAccountsId), String(btc));
      assert.equal(out.toAccountsId, null);
      assert.equal(out.description, 'BTC withdrawal');
      const ach = exact.get(tx.ach) as Item;
      assert.equal(numText(ach.amount), '10.00');
      assert.equal(numText(ach.accountsId), String(usd));
      assert.equal(numText(ach.toAccountsId), String(usd));
      assert.equal(ach.fromAccountsId, null);
      assert.equal(ach.bPending, false);
      assert.equal(ach.bCancellable, false);
      assert.equal(numText((exact.get(tx.wire) as Item).amount), '20.50');
      assert.equal(numText((exact.get(tx.swift) as Item).amount), '30.00');
      assert.equal(numText((exact.get(tx.btcIn) as Item).amount), '1.50000000');
    });

    test('filters by AccountsId (either spelling); a foreign or unknown account is 404', async () => {
      assert.deepEqual(await listIds(alice, `?AccountsId=${usd}`), [tx.wire, tx.ach]);
      assert.deepEqual(await listIds(alice, `?accountsId=${btc}`), [tx.btcOut, tx.btcIn]);
      assert.deepEqual(await listIds(alice, `?AccountsId=${eur}`), [tx.swift]);
      assertError(await bob.get(`${PATHS.transactions}?AccountsId=${usd}`), 404, 'AccountsId:Not_Found');
      assertError(await alice.get(`${PATHS.transactions}?AccountsId=999999`), 404, 'AccountsId:Not_Found');
      assertError(await alice.get(`${PATHS.transactions}?AccountsId=abc`), 400, 'AccountsId:Invalid');
      // Another principal sees none of them.
      assert.deepEqual(await listIds(bob, ''), []);
    });

    test('pages: PageNumber and PageSize, numberOfPages, an empty page past the end, bounds', async () => {
      const first = assertOk(await alice.get(`${PATHS.transactions}?PageSize=2`));
      assert.deepEqual(
        (first.details as Item[]).map((i) => i.id),
        [tx.btcOut, tx.btcIn],
      );
      assert.equal(first.numberOfPages, 3);
      assert.equal(first.pageSize, 2);
      assert.deepEqual(await listIds(alice, '?PageSize=2&PageNumber=2'), [tx.swift, tx.wire]);
      assert.deepEqual(await listIds(alice, '?pagesize=2&pagenumber=3'), [tx.ach]);
      const past = assertOk(await alice.get(`${PATHS.transactions}?PageSize=2&PageNumber=4`));
      assert.deepEqual(past.details, []);
      assert.equal(past.pageNumber, 4);
      assertError(await alice.get(`${PATHS.transactions}?PageSize=0`), 400, 'PageSize:Invalid');
      assertError(await alice.get(`${PATHS.transactions}?PageNumber=0`), 400, 'PageNumber:Invalid');
    });
  });

  describe('GET /api/v2/customer/accounts/transactions/get (and v1)', () => {
    test('an ACH pay-in: full object, achTransferDetails filled, eligible for reversal; v1 answers the same', async () => {
      const response = await alice.get(`${PATHS.transactionV2}?Id=${tx.ach}`);
      const d = assertOk(response).details as Item;
      assertDetailShape(d, 'achTransferDetails');
      assert.equal(d.transactionId, tx.ach);
      assert.equal(d.customerId, alice.principal.customersId);
      assert.equal(d.assetAccountId, usd);
      assert.equal(d.assetClass, 'Currency');
      assert.equal(d.asset, 'USD');
      assert.equal(numText((exactBody(response).details as Item).amount), '10.00');
      assert.equal(d.transactionStatus, 'Completed');
      assert.equal(d.transactionType, 'Deposit');
      assert.equal(d.rollbackTransactionId, null);
      assert.equal(d.originalTransactionId, null);
      assert.equal(d.feeTransactionId, null);
      assert.equal(d.feeTransactionAmount, null);
      assert.equal(d.bEligibleForReversal, true);
      assert.ok(!Number.isNaN(Date.parse(d.timestamp as string)));
      const ach = d.achTransferDetails as Item;
      hasKeys(ach, ACH_KEYS);
      assert.equal(ach.direction, 'Inbound');
      assert.equal(ach.receiverRoutingNumber, '999999999');
      const account = json(await alice.get(`${PATHS.account}?Id=${usd}`)).details as Item;
      assert.equal(ach.accountNumber, account.accountNumber);
      const v1 = await alice.get(`${PATHS.transactionV1}?Id=${tx.ach}`);
      assert.equal(v1.statusCode, 200);
      assert.equal(v1.body, response.body);
      const lower = await alice.get(`${PATHS.transactionV2}?id=${tx.ach}`);
      assert.equal(lower.body, response.body);
    });

    test('a WIRE pay-in fills wireTransferDetails', async () => {
      const d = await transactionDetail(alice, tx.wire);
      assertDetailShape(d, 'wireTransferDetails');
      const wire = d.wireTransferDetails as Item;
      hasKeys(wire, WIRE_KEYS);
      assert.equal(typeof wire.imad, 'string');
      assert.equal(wire.receiverRoutingNumber, '999999999');
      assert.equal(d.bEligibleForReversal, true);
      assert.equal(d.transactionStatus, 'Completed');
    });

    test('a SWIFT pay-in fills externalTransferDetails with the sender name and reference', async () => {
      const d = await transactionDetail(alice, tx.swift);
      assertDetailShape(d, 'externalTransferDetails');
      const ext = d.externalTransferDetails as Item;
      hasKeys(ext, EXTERNAL_KEYS);
      assert.equal(ext.direction, 'Inbound');
      assert.equal(ext.senderName, 'Jane Sender');
      assert.equal(ext.reference, 'INV-42');
      assert.equal(ext.receiverSwiftCode, 'GLDTSGSG');
      assert.equal(d.asset, 'EUR');
      assert.equal(d.assetAccountId, eur);
      assert.equal(d.bEligibleForReversal, true);
    });

    test('crypto deposit and withdrawal fill walletTransferDetails; neither is eligible for reversal', async () => {
      const address = (assertOk(await alice.get(`${PATHS.depositAddress}?AccountsId=${btc}`)).details as Item).address as string;
      const deposit = await transactionDetail(alice, tx.btcIn);
      assertDetailShape(deposit, 'walletTransferDetails');
      assert.equal(deposit.assetClass, 'Cryptocurrency');
      assert.equal(deposit.asset, 'BTC');
      assert.equal((deposit.walletTransferDetails as Item).toWalletAddress, address);
      hasKeys(deposit.walletTransferDetails, ['fromWalletAddress', 'toWalletAddress']);
      assert.equal(deposit.transactionStatus, 'Completed');
      assert.equal(deposit.bEligibleForReversal, false);

      const response = await alice.get(`${PATHS.transactionV2}?Id=${tx.btcOut}`);
      const out = assertOk(response).details as Item;
      assertDetailShape(out, 'walletTransferDetails');
      assert.deepEqual(
        { from: (out.walletTransferDetails as Item).fromWalletAddress, to: (out.walletTransferDetails as Item).toWalletAddress },
        { from: address, to: ADDRESSES.btcTestnet },
      );
      assert.equal(numText((exactBody(response).details as Item).amount), '-0.25000000');
      assert.equal(out.transactionStatus, 'Pending');
      assert.equal(out.transactionType, 'Withdrawal');
      assert.equal(out.bEligibleForReversal, false);
      assert.equal(out.rollbackTransactionId, null);
    });

    test('a failed withdrawal links to its rollback and back', async () => {
      const w = (assertOk(await withdraw(alice, btc, '0.1', ADDRESSES.btcTestnet2)).details as Item).id as number;
      const failed = assertOk(await alice.post(PATHS.fail, { TransactionsId: w }));
      const rollbackId = (failed.details as Item).rollbackTransactionId as number;
      assert.equal(typeof rollbackId, 'number');
      const original = await transactionDetail(alice, w);
      assert.equal(original.transactionStatus, 'Failed');
      assert.equal(original.rollbackTransactionId, rollbackId);
      assert.equal(original.originalTransactionId, null);
      const rollbackResponse = await alice.get(`${PATHS.transactionV2}?Id=${rollbackId}`);
      const rollback = assertOk(rollbackResponse).details as Item;
      assertDetailShape(rollback, null);
      assert.equal(rollback.originalTransactionId, w);
      assert.equal(rollback.rollbackTransactionId, null);
      assert.equal(rollback.transactionStatus, 'Completed');
      assert.equal(rollback.assetAccountId, btc);
      assert.equal(rollback.bEligibleForReversal, false);
      assert.equal(numText((exactBody(rollbackResponse).details as Item).amount), '0.10000000');
      // Both legs appear in the account's history, newest first.
      const ids = await listIds(alice, `?AccountsId=${btc}`);
      assert.deepEqual(
        ids.slice(0, 2),
        [rollbackId, w].sort((a, b) => b - a),
      );
      await assertLedgerSound(server);
    });

    test('foreign, unknown and bad ids', async () => {
      const foreign = await bob.get(`${PATHS.transactionV2}?Id=${tx.ach}`);
      assertError(foreign, 404, 'Id:Not_Found');
      const unknown = await alice.get(`${PATHS.transactionV2}?Id=999999`);
      assertError(unknown, 404, 'Id:Not_Found');
      assert.equal(foreign.body, unknown.body);
      assertError(await bob.get(`${PATHS.transactionV1}?Id=${tx.ach}`), 404, 'Id:Not_Found');
      assertError(await alice.get(PATHS.transactionV2), 400, 'Id:Required');
      assertError(await alice.get(`${PATHS.transactionV2}?Id=x`), 400, 'Id:Invalid');
    });
  });

  // Moves the shared clock years forward, so it runs last: earlier tokens expire.
  describe('FromDate and ToDate', () => {
    let api: Api;
    let dayAccount: number;
    const ids: number[] = [];
    const DAY1 = Date.parse('2031-03-10T10:00:00Z');

    /** Moves the test clock forward to `ms` (never back) and logs in again, the token having expired. */
    async function moveTo(ms: number): Promise<void> {
      const offset = ms - Date.now();
      assert.ok(offset >= server.clock.offsetMs, 'the clock only moves forward');
      server.clock.offsetMs = offset;
      await api.relogin();
    }

    before(async () => {
      api = await newApi(server);
      dayAccount = await createAccount(api, 'USD');
      // Logging in moves the clock 30 s: each pay-in lands within a minute after its mark.
      await moveTo(DAY1); // 2031-03-10 10:00
      ids.push(await payIn(api, dayAccount, '1'));
      await moveTo(Date.parse('2031-03-11T10:00:00Z'));
      ids.push(await payIn(api, dayAccount, '2'));
      await moveTo(Date.parse('2031-03-11T23:58:00Z'));
      ids.push(await payIn(api, dayAccount, '3'));
      await moveTo(Date.parse('2031-03-12T00:00:00Z'));
      ids.push(await payIn(api, dayAccount, '4'));
    });
    test('the transactions landed on the intended days', async () => {
      const items = assertOk(await api.get(PATHS.transactions)).details as Item[];
      assert.deepEqual(
        items.map((i) => (i.dateTime as string).slice(0, 10)),
        ['2031-03-12', '2031-03-11', '2031-03-11', '2031-03-10'],
      );
    });

    test('a ToDate without time includes that whole day; FromDate starts at midnight', async () => {
      const [t1, t2, t3, t4] = ids;
      assert.deepEqual(await listIds(api, '?ToDate=2031-03-11'), [t3, t2, t1]);
      assert.deepEqual(await listIds(api, '?FromDate=2031-03-11&ToDate=2031-03-11'), [t3, t2]);
      assert.deepEqual(await listIds(api, `?AccountsId=${dayAccount}&FromDate=2031-03-12`), [t4]);
      assert.deepEqual(await listIds(api, '?FromDate=2031-03-10&ToDate=2031-03-10'), [t1]);
      assert.deepEqual(await listIds(api, '?ToDate=2031-03-09'), []);
      assert.deepEqual(await listIds(api, '?FromDate=2031-03-13'), []);
    });

    test('date-times with and without an offset (UTC when none)', async () => {
      const [t1, t2, t3, t4] = ids;
      assert.deepEqual(await listIds(api, '?FromDate=2031-03-11T12:00:00Z'), [t4, t3]);
      assert.deepEqual(await listIds(api, '?ToDate=2031-03-11T12:00:00'), [t2, t1]);
      assert.deepEqual(await listIds(api, `?FromDate=${encodeURIComponent('2031-03-11T13:00:00+02:00')}&ToDate=2031-03-11T23:59:00Z`), [t3]);
    });

    test('FromDate after ToDate, or a date that is not one, is 400 Invalid', async () => {
      assertError(await api.get(`${PATHS.transactions}?FromDate=2031-03-12&ToDate=2031-03-11`), 400, 'FromDate:Invalid');
      assertError(await api.get(`${PATHS.transactions}?FromDate=yesterday`), 400, 'FromDate:Invalid');
      assertError(await api.get(`${PATHS.transactions}?ToDate=2031-02-30T99:00`), 400, 'ToDate:Invalid');
    });

    test('a calendar date that does not exist (February 30) is 400 Invalid, not read as March 2', async () => {
      assertError(await api.get(`${PATHS.transactions}?FromDate=2031-02-30`), 400, 'FromDate:Invalid');
      assertError(await api.get(`${PATHS.transactions}?ToDate=2031-04-31T10:00:00Z`), 400, 'ToDate:Invalid');
    });
  });
});
