// Transfers chapter, external fiat transfers (ACH, Wire, SWIFT): a pending outbound transaction and
// a pending fee from the fee schedule; completion settles both, failure returns both through
// rollbacks; the fee counts against the balance; bank identifiers are checked (ABA, IBAN, BIC);
// purpose codes; saved payees (bSavePayee, PayeesId); Idempotency-Key; bank lookup.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exactBody, type TestServer } from './helpers/test-server.js';
import {
  assertError,
  assertLedgerSound,
  assertOk,
  balancesOf,
  createAccount,
  cryptoDeposit,
  json,
  numText,
  PATHS,
  transactionDetail,
  type Api,
} from './helpers/accounts-helpers.js';
import {
  achOk,
  assertRejectedWithoutWrites,
  BANK,
  cancelCheck,
  domesticPayee,
  externalOk,
  externalTransfer,
  fundedAccount,
  internalTransfer,
  payeeBody,
  setFee,
  simulate,
  simulateOk,
  snapshot,
  swiftPayee,
  TRANSFER_PATHS,
  transferRowCounts,
} from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const sorted = (keys: readonly string[]) => [...keys].sort();
const RESULT_KEYS = ['transactionsId', 'feeTransactionId', 'payeesId', 'transferType', 'amount', 'feeAmount', 'transactionStatus', 'dateTime'];
const REPLAYED = 'idempotent-replayed';

async function exactDetail(api: Api, id: number): Promise<Item> {
  return exactBody(await api.get(`${PATHS.transactionV2}?Id=${id}`)).details as Item;
}

describe('external transfers', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let eur: number;
  let bobUsd: number;

  before(async () => {
    const world = await createWorld({ accounts: { eur: { asset: 'EUR', payIn: '1000' } }, other: { accounts: { usd: { asset: 'USD', payIn: '100' } } } });
    ({
      server,
      api: alice,
      accounts: { eur },
    } = world);
    ({
      api: bob,
      accounts: { usd: bobUsd },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  test('ACH: a pending transfer and a pending fee of 1; available drops by both; the detail links the fee', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const rows = await transferRowCounts(server);
    const response = await externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee(), Reference: 'INV-7' }, '25.00');
    const body = assertOk(response);
    const d = body.details as Item;
    assert.deepEqual(sorted(Object.keys(d)), sorted(RESULT_KEYS));
    assert.equal(body.id, d.transactionsId);
    const exact = exactBody(response).details as Item;
    assert.equal(numText(exact.amount), '25.00');
    assert.equal(numText(exact.feeAmount), '1.00');
    assert.equal(d.transferType, 'ACH');
    assert.equal(d.transactionStatus, 'Pending');
    assert.equal(d.payeesId, null);
    const id = d.transactionsId as number;
    const feeId = d.feeTransactionId as number;
    assert.equal(typeof feeId, 'number');
    const after = await transferRowCounts(server);
    assert.equal(after.transactions, rows.transactions + 2, 'the transfer and its fee');
    assert.equal(after.payees, rows.payees, 'no payee saved without bSavePayee');
    assert.deepEqual(await balancesOf(alice, usd), { total: '74.00', available: '74.00', pending: '-26.00' });

    const detail = await transactionDetail(alice, id);
    assert.equal(detail.transactionType, 'ExternalTransfer');
    assert.equal(detail.transactionStatus, 'Pending');
    assert.equal(detail.description, 'INV-7');
    assert.equal(detail.feeTransactionId, feeId);
    assert.equal(detail.rollbackTransactionId, null);
    assert.equal(detail.bEligibleForReversal, false);
    const exactDetailView = await exactDetail(alice, id);
    assert.equal(numText(exactDetailView.amount), '-25.00');
    assert.equal(numText(exactDetailView.feeTransactionAmount), '-1.00');
    const ext = detail.externalTransferDetails as Item;
    assert.equal(ext.paymentType, 'ACH');
    assert.equal(ext.transferType, 'ACH');
    assert.equal(ext.direction, 'Outbound');
    assert.equal(ext.receiverRoutingNumber, BANK.routing);
    assert.equal(ext.receiverAccountNumber, '123456789');
    assert.equal(ext.receiverName, 'Joe R');
    assert.equal(ext.beneficiaryName, 'Joe Receiver');
    assert.equal(ext.senderRoutingNumber, '999999999');
    assert.equal(ext.reference, 'INV-7');
    const fee = await transactionDetail(alice, feeId);
    assert.equal(fee.transactionType, 'Fee');
    assert.equal(fee.transactionStatus, 'Pending');
    assert.equal(fee.originalTransactionId, id);
    assert.equal(numText((await exactDetail(alice, feeId)).amount), '-1.00');

    // In the list both are pending; only the transfer can be cancelled, as the cancel check says.
    const items = assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${usd}`)).details as Item[];
    const byId = new Map(items.map((i) => [i.id as number, i]));
    assert.deepEqual([byId.get(id)?.bPending, byId.get(id)?.bCancellable], [true, true]);
    assert.deepEqual([byId.get(feeId)?.bPending, byId.get(feeId)?.bCancellable], [true, false]);
    assert.equal(await cancelCheck(alice, id), true);
    assert.equal(await cancelCheck(alice, feeId), false);
    await assertLedgerSound(server);
  });

  test('Wire (fee 15) in any spelling of the rail; SWIFT from EUR (fee 25) with a purpose code in any case', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    for (const spelling of ['Wire', 'WIRE', 'wire']) {
      const wire = await externalTransfer(alice, { SourceAccountId: usd, TransferType: spelling, Payee: domesticPayee() }, '1');
      const d = assertOk(wire).details as Item;
      assert.equal(d.transferType, 'Wire');
      assert.equal(numText((exactBody(wire).details as Item).feeAmount), '15.00');
      assert.equal(((await transactionDetail(alice, d.transactionsId as number)).externalTransferDetails as Item).paymentType, 'Wire');
    }
    assert.deepEqual(await balancesOf(alice, usd), { total: '52.00', available: '52.00', pending: '-48.00' });
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: domesticPayee() }, '37.01'),
      400,
      'Amount:Insufficient_Funds',
    );

    const swift = await externalTransfer(alice, { SourceAccountId: eur, TransferType: 'swift', Payee: swiftPayee({ IntermediaryBic: 'chasus33' }), PurposeCode: 'puc002' }, '100');
    const s = assertOk(swift).details as Item;
    assert.equal(s.transferType, 'SWIFT');
    assert.equal(numText((exactBody(swift).details as Item).feeAmount), '25.00');
    const ext = (await transactionDetail(alice, s.transactionsId as number)).externalTransferDetails as Item;
    assert.equal(ext.receiverIban, BANK.iban);
    assert.equal(ext.receiverSwiftCode, BANK.bic);
    assert.equal(ext.senderSwiftCode, 'GLDTSGSG');
    assert.deepEqual(await balancesOf(alice, eur), { total: '875.00', available: '875.00', pending: '-125.00' });
    // The IBAN may come with spaces and in lower case; an account number instead of an IBAN works too.
    await externalOk(alice, { SourceAccountId: eur, TransferType: 'SWIFT', Payee: swiftPayee({ Iban: 'de89 3704 0044 0532 0130 00' }), PurposeCode: 'PUC001' }, '1');
    await externalOk(
      alice,
      { SourceAccountId: eur, TransferType: 'SWIFT', Payee: swiftPayee({ Iban: undefined, AccountNumber: 'GB123456', SwiftCode: BANK.bic11 }), PurposeCode: 'PUC001' },
      '1',
    );
    // A purpose code is optional for ACH, but checked when given.
    await externalOk(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee(), PurposeCode: 'PUC007' }, '1');
    await assertLedgerSound(server);
  });

  test('completion settles the transfer and its fee: available = start − amount − fee, pending 0', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const t = await achOk(alice, usd, '30.25');
    const feeId = t.feeTransactionId as number;
    // The fee ends with its transfer, never on its own.
    await assertRejectedWithoutWrites(server, alice, [usd], () => simulate(alice, 'complete', feeId), 400, 'TransactionsId:Invalid');
    const done = await simulateOk(alice, 'complete', t.transactionsId);
    assert.deepEqual(done, { transactionsId: t.transactionsId, rollbackTransactionId: null });
    assert.deepEqual(await balancesOf(alice, usd), { total: '68.75', available: '68.75', pending: '0.00' });
    const detail = await transactionDetail(alice, t.transactionsId);
    assert.equal(detail.transactionStatus, 'Completed');
    assert.equal(detail.rollbackTransactionId, null);
    assert.equal(detail.feeTransactionId, feeId);
    assert.equal(numText((await exactDetail(alice, t.transactionsId)).feeTransactionAmount), '-1.00');
    assert.equal((await transactionDetail(alice, feeId)).transactionStatus, 'Completed');
    assert.equal(await cancelCheck(alice, t.transactionsId), false);
    // Ending it again is refused and writes nothing.
    await assertRejectedWithoutWrites(server, alice, [usd], () => simulate(alice, 'complete', t.transactionsId), 400, 'TransactionsId:Transaction_Not_Pending');
    await assertRejectedWithoutWrites(server, alice, [usd], () => simulate(alice, 'fail', t.transactionsId), 400, 'TransactionsId:Transaction_Not_Pending');
    await assertRejectedWithoutWrites(server, bob, [bobUsd], () => simulate(bob, 'complete', t.transactionsId), 404, 'TransactionsId:Not_Found');
    await assertLedgerSound(server);
  });

  // The stored externalTransferDetails are written once, at creation, and never updated on settlement.
  test('completion fills externalTransferDetails.completedAt', async () => {
    const usd = await fundedAccount(alice, 'USD', '10');
    const t = await achOk(alice, usd, '1');
    await simulateOk(alice, 'complete', t.transactionsId);
    const ext = (await transactionDetail(alice, t.transactionsId)).externalTransferDetails as Item;
    assert.equal(typeof ext.completedAt, 'string');
  });

  test('Originator ("with originator" variant): its name is the sender and originator on the transfer', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const originator = { CompanyId: 'C-1', Name: 'Ultimate Sender Ltd', AddressLine1: '1 High St', AddressLine2: 'Floor 2', AddressLine3: 'London', Data: 'extra' };
    const t = await externalOk(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: domesticPayee(), Originator: originator }, '1');
    const ext = (await transactionDetail(alice, t.transactionsId)).externalTransferDetails as Item;
    assert.equal(ext.originatorName, 'Ultimate Sender Ltd');
    assert.equal(ext.senderName, 'Ultimate Sender Ltd');
    const without = await achOk(alice, usd, '1');
    assert.equal(((await transactionDetail(alice, without.transactionsId)).externalTransferDetails as Item).originatorName, 'USD funded', 'the account name otherwise');
  });

  // The body a real integrator's client sends, verbatim (docs/transfers.md): a Wire payee named by
  // its bank's SWIFT code with no routing number, a placeholder intermediary, Type "Individual",
  // an alpha-3 country, an Originator with nulls and empty strings.
  const realWireBody = (source: number) =>
    `{"SourceAccountId": ${source}, "TransferType": "Wire", "Payee": {"CountryCode": "USA", "SwiftCode": "CHASUS33", "IntermediaryBic": "XXXX", "AccountNumber": "123456789", "AccountName": "Jane Doe", "Type": "Individual", "Name": "Jane Doe", "AddressLine1": "1 Main St", "TownCity": "New York", "Postcode": "10001"}, "Originator": {"CompanyId": null, "Name": "Acme Inc", "AddressLine1": "1 Acme Way", "AddressLine2": "", "AddressLine3": "", "Data": null}, "bSavePayee": false, "Amount": 10.00, "Reference": "Invoice 42", "PurposeCode": "PUC002"}`;
  /** The real client's payee as an object, to vary one field at a time. */
  const realWirePayee = (overrides: Record<string, unknown> = {}) => ({
    CountryCode: 'USA',
    SwiftCode: 'CHASUS33',
    IntermediaryBic: 'XXXX',
    AccountNumber: '123456789',
    AccountName: 'Jane Doe',
    Type: 'Individual',
    Name: 'Jane Doe',
    AddressLine1: '1 Main St',
    TownCity: 'New York',
    Postcode: '10001',
    ...overrides,
  });
  const savedPayee = async (payeesId: number) => assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${payeesId}`)).details as Item;

  test("the real client's Wire body: routing number from the bank directory, no intermediary, pending with the Wire fee", async () => {
    const usd = await fundedAccount(alice, 'USD', '100', 'Acme USD');
    const rows = await transferRowCounts(server);
    const response = await alice.postRaw(TRANSFER_PATHS.external, realWireBody(usd));
    const d = assertOk(response).details as Item;
    assert.equal(d.transferType, 'Wire');
    assert.equal(d.transactionStatus, 'Pending');
    assert.equal(d.payeesId, null);
    const exact = exactBody(response).details as Item;
    assert.equal(numText(exact.amount), '10.00');
    assert.equal(numText(exact.feeAmount), '15.00');
    const after = await transferRowCounts(server);
    assert.deepEqual([after.transactions, after.payees], [rows.transactions + 2, rows.payees], 'the transfer and its fee; no payee saved');
    assert.deepEqual(await balancesOf(alice, usd), { total: '75.00', available: '75.00', pending: '-25.00' });

    const detail = await transactionDetail(alice, d.transactionsId as number);
    assert.equal(detail.transactionStatus, 'Pending');
    assert.equal(detail.description, 'Invoice 42');
    const ext = detail.externalTransferDetails as Item;
    assert.deepEqual(
      {
        paymentType: ext.paymentType,
        transferType: ext.transferType,
        routing: ext.receiverRoutingNumber,
        swift: ext.receiverSwiftCode,
        account: ext.receiverAccountNumber,
        iban: ext.receiverIban,
      },
      { paymentType: 'Wire', transferType: 'Wire', routing: '021000021', swift: 'CHASUS33', account: '123456789', iban: null },
    );
    assert.deepEqual([ext.receiverName, ext.beneficiaryName, ext.originatorName, ext.senderName, ext.reference], ['Jane Doe', 'Jane Doe', 'Acme Inc', 'Acme Inc', 'Invoice 42']);
    const fee = await transactionDetail(alice, d.feeTransactionId as number);
    assert.deepEqual([fee.transactionType, fee.transactionStatus, fee.originalTransactionId], ['Fee', 'Pending', d.transactionsId]);
    await simulateOk(alice, 'complete', d.transactionsId as number);
    assert.deepEqual(await balancesOf(alice, usd), { total: '75.00', available: '75.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test("saved from the real body (bSavePayee): a WIRE payee with the directory's routing number and no intermediary; reusable", async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const body = realWireBody(usd).replace('"bSavePayee": false', '"bSavePayee": true');
    const first = assertOk(await alice.postRaw(TRANSFER_PATHS.external, body)).details as Item;
    const saved = await savedPayee(first.payeesId as number);
    assert.deepEqual(
      {
        transferType: saved.transferType,
        payeeType: saved.payeeType,
        routingNumber: saved.routingNumber,
        swiftCode: saved.swiftCode,
        intermediaryBic: saved.intermediaryBic,
        countryCode: saved.countryCode,
      },
      { transferType: 'WIRE', payeeType: 'Personal', routingNumber: '021000021', swiftCode: 'CHASUS33', intermediaryBic: null, countryCode: 'USA' },
    );
    const again = await externalOk(alice, { SourceAccountId: usd, TransferType: 'Wire', PayeesId: first.payeesId }, '1');
    assert.equal(again.transferType, 'Wire');
    assert.deepEqual(await balancesOf(alice, usd), { total: '59.00', available: '59.00', pending: '-41.00' });
  });

  test("placeholder intermediaries mean none (only X's, N/A, NA, NONE, NULL, -, empty, null); a real one is kept; a bad one is Invalid", async (t) => {
    const usd = await fundedAccount(alice, 'USD', '1000');
    const wire = (intermediary: unknown) => ({ SourceAccountId: usd, TransferType: 'Wire', Payee: realWirePayee({ IntermediaryBic: intermediary }), bSavePayee: true });
    for (const placeholder of ['XXXX', 'X', 'XXXXXXXX', 'XXXXXXXXX', 'xxxxxxxxxxx', ' XXXX ', 'N/A', 'na', 'None', 'NULL', '-', '', '   ', null]) {
      await t.test(JSON.stringify(placeholder), async () => {
        const done = await externalOk(alice, wire(placeholder), '1');
        assert.equal((await savedPayee(done.payeesId as number)).intermediaryBic, null);
      });
    }
    const kept = await externalOk(alice, wire('citius33'), '1');
    assert.equal((await savedPayee(kept.payeesId as number)).intermediaryBic, 'CITIUS33');
    for (const bad of ['ABCD', 'XXXXUS', 'N/A/N', 'DEUTXXFF']) {
      await assertRejectedWithoutWrites(server, alice, [usd], () => externalTransfer(alice, wire(bad), '1'), 400, 'Payee.IntermediaryBic:Invalid');
    }
  });

  test('a Wire to a bank not in the directory (or in it without a routing number) is international: SWIFT rail, SWIFT fee', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    // BKTRUS33 (Deutsche Bank Trust Company Americas) is a valid BIC the sample directory lacks.
    const abroad = await externalTransfer(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: realWirePayee({ SwiftCode: 'BKTRUS33' }), PurposeCode: 'PUC002' }, '10');
    const d = assertOk(abroad).details as Item;
    assert.equal(d.transferType, 'SWIFT');
    assert.equal(d.transactionStatus, 'Pending');
    assert.equal(numText((exactBody(abroad).details as Item).feeAmount), '25.00');
    const ext = (await transactionDetail(alice, d.transactionsId as number)).externalTransferDetails as Item;
    assert.deepEqual(
      [ext.paymentType, ext.transferType, ext.receiverSwiftCode, ext.receiverRoutingNumber, ext.receiverAccountNumber],
      ['SWIFT', 'SWIFT', 'BKTRUS33', null, '123456789'],
    );
    assert.deepEqual(await balancesOf(alice, usd), { total: '65.00', available: '65.00', pending: '-35.00' });
    // Deutsche Bank Frankfurt is in the directory, with no routing number: abroad too, from a EUR account as well.
    const frankfurt = await externalOk(
      alice,
      { SourceAccountId: eur, TransferType: 'wire', Payee: realWirePayee({ SwiftCode: 'DEUTDEFF', CountryCode: 'DE' }), PurposeCode: 'PUC001', bSavePayee: true },
      '1',
    );
    assert.equal(frankfurt.transferType, 'SWIFT');
    const saved = await savedPayee(frankfurt.payeesId as number);
    assert.deepEqual([saved.transferType, saved.countryCode, saved.routingNumber], ['SWIFT', 'DEU', null]);
    // The saved international payee is reached by Wire again (as SWIFT), never by ACH.
    assert.equal((await externalOk(alice, { SourceAccountId: eur, TransferType: 'Wire', PayeesId: frankfurt.payeesId, PurposeCode: 'PUC001' }, '1')).transferType, 'SWIFT');
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', PayeesId: frankfurt.payeesId }, '1'),
      400,
      'PayeesId:Invalid',
    );
    // SWIFT needs a purpose code: an international wire without one is refused.
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: realWirePayee({ SwiftCode: 'BKTRUS33' }) }, '1'),
      400,
      'PurposeCode:Required',
    );
    // A SWIFT code that is no BIC: not in the directory, so checked as SWIFT, and refused.
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: realWirePayee({ SwiftCode: 'CHAS' }), PurposeCode: 'PUC002' }, '1'),
      400,
      'Payee.SwiftCode:Invalid',
    );
    await assertLedgerSound(server);
  });

  test("the real body's spellings: an 11-character BIC, alpha-2 country, Business/Company types, no Originator at all", async () => {
    const usd = await fundedAccount(alice, 'USD', '100', 'Plain USD');
    const cases: [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
      [{ SwiftCode: 'CHASUS33XXX', CountryCode: 'US' }, {}, { routingNumber: '021000021', countryCode: 'USA', payeeType: 'Personal' }],
      [{ Type: 'Business' }, { Originator: null }, { routingNumber: '021000021', countryCode: 'USA', payeeType: 'Company' }],
      [
        { Type: 'company', SwiftCode: 'bofaus3n' },
        { Originator: { CompanyId: null, Name: '', Data: null } },
        { routingNumber: '026009593', countryCode: 'USA', payeeType: 'Company' },
      ],
      // A routing number the client gives wins over the directory.
      [{ RoutingNumber: '011000015' }, {}, { routingNumber: '011000015', countryCode: 'USA', payeeType: 'Personal' }],
    ];
    for (const [payee, extra, expected] of cases) {
      const done = await externalOk(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: realWirePayee(payee), bSavePayee: true, ...extra }, '1');
      assert.equal(done.transferType, 'Wire', JSON.stringify(payee));
      const saved = await savedPayee(done.payeesId as number);
      assert.deepEqual({ routingNumber: saved.routingNumber, countryCode: saved.countryCode, payeeType: saved.payeeType }, expected, JSON.stringify(payee));
      if (Object.keys(extra).length > 0)
        assert.equal(((await transactionDetail(alice, done.transactionsId)).externalTransferDetails as Item).originatorName, 'Plain USD', 'no originator name: the account name');
    }
    // ACH is domestic only: the directory never fills its routing number.
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: realWirePayee() }, '1'),
      400,
      'Payee.RoutingNumber:Required',
    );
  });

  test('failure returns the funds and the fee through rollbacks: balances back to the start', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const t = await achOk(alice, usd, '40');
    const feeId = t.feeTransactionId as number;
    const failed = await simulateOk(alice, 'fail', t.transactionsId);
    assert.equal(typeof failed.rollbackTransactionId, 'number');
    assert.deepEqual(await balancesOf(alice, usd), { total: '100.00', available: '100.00', pending: '0.00' });

    const detail = await transactionDetail(alice, t.transactionsId);
    assert.equal(detail.transactionStatus, 'Failed');
    assert.equal(detail.rollbackTransactionId, failed.rollbackTransactionId);
    assert.equal(detail.feeTransactionId, feeId);
    assert.equal(numText((await exactDetail(alice, t.transactionsId)).feeTransactionAmount), '-1.00');
    const rollback = await transactionDetail(alice, failed.rollbackTransactionId as number);
    assert.equal(rollback.transactionType, 'Rollback');
    assert.equal(rollback.transactionStatus, 'Completed');
    assert.equal(rollback.originalTransactionId, t.transactionsId);
    assert.equal(numText((await exactDetail(alice, failed.rollbackTransactionId as number)).amount), '40.00');
    const fee = await transactionDetail(alice, feeId);
    assert.equal(fee.transactionStatus, 'Failed');
    assert.equal(typeof fee.rollbackTransactionId, 'number', 'the fee comes back by its own rollback');
    const feeBack = await exactDetail(alice, fee.rollbackTransactionId as number);
    assert.equal(numText(feeBack.amount), '1.00');
    assert.equal(numText(feeBack.originalTransactionId), String(feeId));
    // A rollback is not an inbound deposit: it cannot be reversed.
    assert.equal(rollback.bEligibleForReversal, false);
    assert.equal(await cancelCheck(alice, t.transactionsId), false);
    await assertLedgerSound(server);
  });

  test('Insufficient_Funds counts the fee: balance 100, ACH 99.50 + fee 1 is refused; 99.00 + 1 is accepted; holds count', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee(), bSavePayee: true }, '99.50'),
      400,
      'Amount:Insufficient_Funds',
    );
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '99.01'),
      400,
      'Amount:Insufficient_Funds',
    );
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: domesticPayee() }, '85.01'),
      400,
      'Amount:Insufficient_Funds',
    );
    await achOk(alice, usd, '99.00');
    assert.deepEqual(await balancesOf(alice, usd), { total: '0.00', available: '0.00', pending: '-100.00' });
    // The held amount is not available to anything else.
    const other = await createAccount(alice, 'USD', 'other');
    await assertRejectedWithoutWrites(server, alice, [usd, other], () => internalTransfer(alice, usd, other, '0.01'), 400, 'Amount:Insufficient_Funds');
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '0.01'),
      400,
      'Amount:Insufficient_Funds',
    );
  });

  test('concurrent external transfers cannot overspend: of 60 + 1 fee six times over 100, exactly one goes through', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const rows = await transferRowCounts(server);
    const responses = await Promise.all(Array.from({ length: 6 }, () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '60')));
    assert.equal(responses.filter((r) => r.statusCode === 200).length, 1, responses.map((r) => r.body).join('\n'));
    for (const r of responses) if (r.statusCode !== 200) assertError(r, 400, 'Amount:Insufficient_Funds');
    assert.equal((await transferRowCounts(server)).transactions, rows.transactions + 2);
    assert.deepEqual(await balancesOf(alice, usd), { total: '39.00', available: '39.00', pending: '-61.00' });
    await assertLedgerSound(server);
  });

  test('every bad input is refused and writes nothing (not even the payee asked to be saved)', async (t) => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const btc = await createAccount(alice, 'BTC');
    await cryptoDeposit(alice, btc, '1');
    const achPayee = assertOk(await alice.post(TRANSFER_PATHS.payeeCreateV3, payeeBody(alice.principal.customersId, 'ACH'))).details as { id: number };
    const bobPayee = assertOk(await bob.post(TRANSFER_PATHS.payeeCreateV3, payeeBody(bob.principal.customersId, 'ACH'))).details as { id: number };
    const ach = (payee: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      SourceAccountId: usd,
      TransferType: 'ACH',
      Payee: domesticPayee(payee),
      bSavePayee: true,
      ...extra,
    });
    const swift = (payee: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      SourceAccountId: eur,
      TransferType: 'SWIFT',
      Payee: swiftPayee(payee),
      bSavePayee: true,
      PurposeCode: 'PUC002',
      ...extra,
    });
    const cases: [string, Record<string, unknown>, string, number, ...string[]][] = [
      ['routing number failing the ABA checksum', ach({ RoutingNumber: BANK.routingBadChecksum }), '1', 400, 'Payee.RoutingNumber:Invalid'],
      ['routing number of 8 digits', ach({ RoutingNumber: '02100002' }), '1', 400, 'Payee.RoutingNumber:Invalid'],
      ['no routing number for ACH', ach({ RoutingNumber: undefined }), '1', 400, 'Payee.RoutingNumber:Required'],
      ['no routing number for Wire', ach({ RoutingNumber: undefined }, { TransferType: 'Wire' }), '1', 400, 'Payee.RoutingNumber:Required'],
      ['a domestic account number with letters', ach({ AccountNumber: '12AB5678' }), '1', 400, 'Payee.AccountNumber:Invalid'],
      ['a domestic payee abroad', ach({ CountryCode: 'DEU' }), '1', 400, 'Payee.CountryCode:Invalid'],
      ['an unknown country', swift({ CountryCode: 'XXX' }), '1', 400, 'Payee.CountryCode:Invalid'],
      ['no name', ach({ Name: undefined, AccountName: undefined }), '1', 400, 'Payee.Name:Required'],
      ['an unknown payee type', ach({ Type: 'Robot' }), '1', 400, 'Payee.PayeeType:Invalid'],
      ['IBAN with one digit flipped (mod-97)', swift({ Iban: BANK.ibanBadChecksum }), '1', 400, 'Payee.Iban:Invalid'],
      ['IBAN of an unknown country', swift({ Iban: 'XX89370400440532013000' }), '1', 400, 'Payee.Iban:Invalid'],
      ['BIC whose country part is not a country', swift({ SwiftCode: BANK.bicBadCountry }), '1', 400, 'Payee.SwiftCode:Invalid'],
      ['BIC with a digit in the bank part', swift({ SwiftCode: BANK.bicBadShape }), '1', 400, 'Payee.SwiftCode:Invalid'],
      ['bad intermediary BIC', swift({ IntermediaryBic: BANK.bicBadCountry }), '1', 400, 'Payee.IntermediaryBic:Invalid'],
      ['SWIFT without a BIC', swift({ SwiftCode: undefined }), '1', 400, 'Payee.SwiftCode:Required'],
      ['SWIFT without IBAN or account number', swift({ Iban: undefined }), '1', 400, 'Payee.AccountNumber:Required'],
      ['SWIFT without a purpose code', swift({}, { PurposeCode: undefined }), '1', 400, 'PurposeCode:Required'],
      ['an unknown purpose code', swift({}, { PurposeCode: 'PUC999' }), '1', 400, 'PurposeCode:Invalid'],
      ['an unknown purpose code on ACH', ach({}, { PurposeCode: 'NOPE' }), '1', 400, 'PurposeCode:Invalid'],
      ['an unknown rail', ach({}, { TransferType: 'SEPA' }), '1', 400, 'TransferType:Invalid'],
      ['ACH from a EUR (international) account', ach({}, { SourceAccountId: eur }), '1', 400, 'TransferType:Invalid'],
      ['Wire from a EUR (international) account', ach({}, { SourceAccountId: eur, TransferType: 'Wire' }), '1', 400, 'TransferType:Invalid'],
      ['a crypto source account', ach({}, { SourceAccountId: btc }), '0.1', 400, 'SourceAccountId:Invalid'],
      ['a source account of another principal', ach({}, { SourceAccountId: bobUsd }), '1', 404, 'SourceAccountId:Not_Found'],
      ['an unknown source account', ach({}, { SourceAccountId: 999999 }), '1', 404, 'SourceAccountId:Not_Found'],
      ['neither Payee nor PayeesId', { SourceAccountId: usd, TransferType: 'ACH' }, '1', 400, 'Payee:Required'],
      ['a payee of another principal', { SourceAccountId: usd, TransferType: 'ACH', PayeesId: bobPayee.id }, '1', 404, 'PayeesId:Not_Found'],
      ['an unknown payee', { SourceAccountId: usd, TransferType: 'ACH', PayeesId: 999999 }, '1', 404, 'PayeesId:Not_Found'],
      ['an ACH payee on the SWIFT rail', { SourceAccountId: eur, TransferType: 'SWIFT', PayeesId: achPayee.id, PurposeCode: 'PUC002' }, '1', 400, 'PayeesId:Invalid'],
      ['zero amount', ach({}), '0', 400, 'Amount:Required'],
      ['negative amount', ach({}), '-5', 400, 'Amount:Invalid'],
      ['more decimals than USD has', ach({}), '1.001', 400, 'Amount:Invalid'],
      ['a reference too long', ach({}, { Reference: 'r'.repeat(141) }), '1', 400, 'Reference:Invalid_Length'],
      ['no TransferType', ach({}, { TransferType: undefined }), '1', 400, 'TransferType:Required'],
    ];
    for (const [name, fields, amount, status, ...errors] of cases) {
      await t.test(name, () => assertRejectedWithoutWrites(server, alice, [usd, eur, btc], () => externalTransfer(alice, fields, amount), status, ...errors));
    }
    await assertLedgerSound(server);
  });

  test('bSavePayee saves the payee (listed, tied to the source account); PayeesId reuses it; once deleted it is gone (404)', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const first = await externalOk(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee({ Name: 'Saved Sam' }), bSavePayee: true }, '10');
    const payeesId = first.payeesId as number;
    assert.equal(typeof payeesId, 'number');
    const saved = assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${payeesId}`)).details as Item;
    assert.equal(saved.name, 'Saved Sam');
    assert.equal(saved.transferType, 'ACH');
    assert.equal(saved.routingNumber, BANK.routing);
    assert.equal(saved.customerAssetAccountsId, usd);
    assert.equal(saved.customersId, alice.principal.customersId);
    const listed = assertOk(await alice.get(`${TRANSFER_PATHS.payeeList}?PageSize=100`)).details as Item[];
    assert.ok(listed.some((p) => p.id === payeesId));

    // Reuse: no new payee, the saved details on the transfer (also with bSavePayee again).
    const rows = await transferRowCounts(server);
    const again = await externalOk(alice, { SourceAccountId: usd, TransferType: 'ach', PayeesId: payeesId, bSavePayee: true }, '5');
    assert.equal(again.payeesId, payeesId);
    assert.equal((await transferRowCounts(server)).payees, rows.payees);
    const ext = (await transactionDetail(alice, again.transactionsId)).externalTransferDetails as Item;
    assert.equal(ext.beneficiaryName, 'Saved Sam');
    assert.equal(ext.receiverRoutingNumber, BANK.routing);
    assert.deepEqual(await balancesOf(alice, usd), { total: '83.00', available: '83.00', pending: '-17.00' });

    assertOk(await alice.post(TRANSFER_PATHS.payeeDelete, { PayeesId: payeesId }));
    const after = assertOk(await alice.get(`${TRANSFER_PATHS.payeeList}?PageSize=100`)).details as Item[];
    assert.ok(!after.some((p) => p.id === payeesId), 'a deleted payee is not listed');
    await assertRejectedWithoutWrites(
      server,
      alice,
      [usd],
      () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', PayeesId: payeesId }, '1'),
      404,
      'PayeesId:Not_Found',
    );
    // The transfers made to it keep their details.
    assert.equal(((await transactionDetail(alice, first.transactionsId)).externalTransferDetails as Item).beneficiaryName, 'Saved Sam');
  });

  test('Idempotency-Key: a replay answers the same and moves no money (one transfer, one fee, one payee)', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const key = { 'idempotency-key': 'ach-once' };
    const fields = { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee(), bSavePayee: true };
    const first = await externalTransfer(alice, fields, '20', key);
    assertOk(first);
    const state = await snapshot(server, alice, [usd]);
    const again = await externalTransfer(alice, fields, '20', key);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, first.body);
    assert.deepEqual(await snapshot(server, alice, [usd]), state);
    assert.deepEqual(await balancesOf(alice, usd), { total: '79.00', available: '79.00', pending: '-21.00' });
    const other = await externalTransfer(alice, fields, '21', key);
    assertError(other, 409, 'Idempotency-Key:Idempotency_Key_Reused');

    // Concurrent requests with one key: one transfer.
    const raceKey = { 'idempotency-key': 'ach-race' };
    const before = await transferRowCounts(server);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '3', raceKey)),
    );
    for (const r of responses) assertOk(r);
    assert.equal(new Set(responses.map((r) => (json(r).details as Item).transactionsId)).size, 1);
    assert.equal((await transferRowCounts(server)).transactions, before.transactions + 2);
    assert.deepEqual(await balancesOf(alice, usd), { total: '75.00', available: '75.00', pending: '-25.00' });
    await assertLedgerSound(server);
  });

  test('the fee schedule is operator data: an asset row overrides `*`; no row, no fee transaction', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    await setFee(server, 'ACH', 'USD', '0.250000000000000000');
    try {
      const cheap = await externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '10');
      assert.equal(numText((exactBody(cheap).details as Item).feeAmount), '0.25');
      assert.equal(numText((await exactDetail(alice, (json(cheap).details as Item).transactionsId as number)).feeTransactionAmount), '-0.25');
      // EUR has no row of its own for SWIFT: the `*` default applies.
      await setFee(server, 'SWIFT', 'USD', '1.000000000000000000');
      const swift = await externalTransfer(alice, { SourceAccountId: eur, TransferType: 'SWIFT', Payee: swiftPayee(), PurposeCode: 'PUC001' }, '1');
      assert.equal(numText((exactBody(swift).details as Item).feeAmount), '25.00');
      await setFee(server, 'ACH', 'USD', null);
      await setFee(server, 'ACH', '*', null);
      const free = await externalOk(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '10');
      assert.equal(free.feeTransactionId, null);
      assert.equal((await transactionDetail(alice, free.transactionsId)).feeTransactionAmount, null);
      assert.deepEqual(await balancesOf(alice, usd), { total: '79.75', available: '79.75', pending: '-20.25' });
      await simulateOk(alice, 'complete', free.transactionsId);
      const failed = await simulateOk(alice, 'fail', (json(cheap).details as Item).transactionsId as number);
      assert.equal(typeof failed.rollbackTransactionId, 'number');
      assert.deepEqual(await balancesOf(alice, usd), { total: '90.00', available: '90.00', pending: '0.00' });
    } finally {
      await setFee(server, 'ACH', 'USD', null);
      await setFee(server, 'SWIFT', 'USD', null);
      await setFee(server, 'ACH', '*', '1.000000000000000000');
    }
    await assertLedgerSound(server);
  });

  // The fee table is edited by hand (docs/transfers.md); a fee finer than the asset's precision is
  // rounded up to the asset's smallest unit rather than breaking every transfer on the rail.
  test('a fee row finer than the asset precision is rounded up to it (0.005 USD → 0.01)', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    await setFee(server, 'ACH', 'USD', '0.005000000000000000');
    try {
      const response = await externalTransfer(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '1');
      assert.equal(response.statusCode, 200, response.body);
      assert.match(response.body, /"feeAmount":0\.01[,}]/);
    } finally {
      await setFee(server, 'ACH', 'USD', null);
    }
  });

  test('lookupbankdetails: by SwiftCode (8 or 11 characters, any case) or RoutingNumber; unknown is 404; neither is Required', async () => {
    const bySwift = assertOk(await alice.get(`${TRANSFER_PATHS.lookup}?SwiftCode=DEUTDEFF`)).details as Item;
    assert.deepEqual(bySwift, { swiftCode: 'DEUTDEFF', routingNumber: null, bankName: 'Deutsche Bank AG', address: 'Taunusanlage 12', city: 'Frankfurt am Main', country: 'DEU' });
    assert.deepEqual(assertOk(await alice.get(`${TRANSFER_PATHS.lookup}?swiftCode=deutdeffxxx`)).details, bySwift);
    const byRouting = assertOk(await alice.get(`${TRANSFER_PATHS.lookup}?RoutingNumber=${BANK.routing}`)).details as Item;
    assert.equal(byRouting.swiftCode, 'CHASUS33');
    assert.equal(byRouting.bankName, 'JPMorgan Chase Bank, N.A.');
    assertError(await alice.get(`${TRANSFER_PATHS.lookup}?SwiftCode=ZZZZDEFF`), 404, 'SwiftCode:Not_Found');
    assertError(await alice.get(`${TRANSFER_PATHS.lookup}?RoutingNumber=011000015`), 404, 'RoutingNumber:Not_Found');
    assertError(await alice.get(TRANSFER_PATHS.lookup), 400, 'SwiftCode:Required');
    assertError(await alice.get(`${TRANSFER_PATHS.lookup}?SwiftCode=${'A'.repeat(12)}`), 400, 'SwiftCode:Invalid_Length');
    assert.equal((await server.call('GET', `${TRANSFER_PATHS.lookup}?SwiftCode=DEUTDEFF`)).statusCode, 401);
  });

  test('purposecodes: PUC001 to PUC011 with descriptions', async () => {
    const codes = assertOk(await alice.get(TRANSFER_PATHS.purposeCodes)).details as { code: string; description: string }[];
    assert.deepEqual(
      codes.map((c) => c.code),
      Array.from({ length: 11 }, (_, i) => `PUC${String(i + 1).padStart(3, '0')}`),
    );
    assert.equal(codes[1]?.description, 'Family maintenance');
    for (const c of codes) assert.ok(c.description.length > 0);
    assert.equal((await server.call('GET', TRANSFER_PATHS.purposeCodes)).statusCode, 401);
  });
});
