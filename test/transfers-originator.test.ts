// The v3 external transfer "with Transmitter / Originator": the Originator block, domestic (Wire,
// ACH) and international (SWIFT), is shown in the transaction details (`externalTransferDetails.
// originator`, and its name as sender and originator); without it the account's name is. SQLite or
// PostgreSQL (TEST_DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { domesticPayee, externalOk, swiftPayee } from './helpers/transfers-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const ORIGINATOR = { CompanyId: 'C-77', Name: 'Ultimate Sender Ltd', AddressLine1: '1 High St', AddressLine2: '', AddressLine3: 'London', Data: null };
const SHOWN = { companyId: 'C-77', name: 'Ultimate Sender Ltd', addressLine1: '1 High St', addressLine2: null, addressLine3: 'London', data: null };

describe('external transfer with originator', () => {
  let server: TestServer;
  let alice: Api;
  let usd: number;
  let eur: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '1000' }, eur: { asset: 'EUR', payIn: '1000' } } });
    ({ server, api: alice } = world);
    ({ usd, eur } = world.accounts);
  });
  after(async () => {
    await server?.close();
  });

  const details = async (id: number) => (await transactionDetail(alice, id)).externalTransferDetails as Item;

  test('domestic Wire and ACH: the originator in the details', async () => {
    for (const TransferType of ['Wire', 'ACH']) {
      const t = await externalOk(alice, { SourceAccountId: usd, TransferType, Payee: domesticPayee(), Originator: ORIGINATOR }, '10');
      const ext = await details(t.transactionsId);
      assert.deepEqual(ext.originator, SHOWN, TransferType);
      assert.deepEqual([ext.originatorName, ext.senderName], ['Ultimate Sender Ltd', 'Ultimate Sender Ltd']);
    }
  });

  test('international (SWIFT): the originator in the details', async () => {
    const t = await externalOk(alice, { SourceAccountId: eur, TransferType: 'SWIFT', Payee: swiftPayee(), PurposeCode: 'PUC001', Originator: ORIGINATOR }, '25');
    const ext = await details(t.transactionsId);
    assert.deepEqual(ext.originator, SHOWN);
    assert.equal(ext.originatorName, 'Ultimate Sender Ltd');
  });

  test('without an Originator: none shown, the account name is the sender', async () => {
    const t = await externalOk(alice, { SourceAccountId: usd, TransferType: 'ACH', Payee: domesticPayee() }, '1');
    const ext = await details(t.transactionsId);
    assert.equal(ext.originator, null);
    assert.equal(ext.originatorName, 'USD account');
  });
});
