// Accounts chapter, crypto: deposit addresses (testnet bech32, EIP-55), withdrawals to external
// wallets (every bad input, screening, nothing written on rejection) and concurrent withdrawals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addBlockedAddress, removeBlockedAddress } from '../src/accounts/index.js';
import { toChecksumAddress, validateAddress } from '../src/accounts/crypto-address/index.js';
import { exactBody, type TestServer } from './helpers/test-server.js';
import {
  ADDRESSES,
  assertError,
  assertLedgerSound,
  assertOk,
  balancesOf,
  createAccount,
  cryptoDeposit,
  json,
  numText,
  PATHS,
  rowCounts,
  runCliInProcess,
  withdraw,
  type Api,
} from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;

async function addressOf(api: Api, accountId: number): Promise<string> {
  const body = assertOk(await api.get(`${PATHS.depositAddress}?AccountsId=${accountId}`));
  assert.equal(body.id, 0);
  const details = body.details as Item;
  assert.deepEqual(Object.keys(details), ['address']);
  return details.address as string;
}

describe('crypto deposit addresses and withdrawals', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let btc: number;
  let btc2: number;
  let eth: number;
  let usdc: number;
  let usd: number;
  let bobBtc: number;

  before(async () => {
    const world = await createWorld({
      accounts: {
        btc: { asset: 'BTC', cryptoDeposit: '1' },
        btc2: { asset: 'BTC', name: 'second BTC' },
        eth: { asset: 'ETH', cryptoDeposit: '2' },
        usdc: { asset: 'USDC', cryptoDeposit: '100' },
        usd: { asset: 'USD', payIn: '50' },
      },
      other: { accounts: { btc: { asset: 'BTC' } } },
    });
    ({
      server,
      api: alice,
      accounts: { btc, btc2, eth, usdc, usd },
    } = world);
    ({
      api: bob,
      accounts: { btc: bobBtc },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  describe('GET/POST /api/v1/customer/accounts/crypto/depositaddress', () => {
    test('BTC in sandbox: a valid testnet bech32 address, stable per account, distinct across accounts', async () => {
      const address = await addressOf(alice, btc);
      assert.match(address, /^tb1q[02-9ac-hj-np-z]+$/);
      assert.equal(validateAddress('bitcoin', 'testnet', address).ok, true);
      assert.equal(validateAddress('bitcoin', 'mainnet', address).ok, false);
      assert.equal(await addressOf(alice, btc), address, 'same account, same address');
      const lower = assertOk(await alice.get(`${PATHS.depositAddress}?accountsid=${btc}`));
      assert.equal((lower.details as Item).address, address);
      const posted = assertOk(await alice.post(PATHS.depositAddress, { accountsId: btc }));
      assert.equal((posted.details as Item).address, address, 'POST with a body answers the same');
      const documented = assertOk(await alice.post(PATHS.depositAddress, { AccountsId: btc }));
      assert.equal((documented.details as Item).address, address, 'and with the documented spelling');
      const second = await addressOf(alice, btc2);
      assert.notEqual(second, address);
      assert.equal(validateAddress('bitcoin', 'testnet', second).ok, true);
      const bobs = await addressOf(bob, bobBtc);
      assert.notEqual(bobs, address);
      assert.notEqual(bobs, second);
    });

    test('ETH and USDC: EIP-55 checksummed 0x addresses, distinct per account', async () => {
      const ethAddress = await addressOf(alice, eth);
      const usdcAddress = await addressOf(alice, usdc);
      for (const a of [ethAddress, usdcAddress]) {
        assert.match(a, /^0x[0-9a-fA-F]{40}$/);
        assert.equal(toChecksumAddress(a), a);
        assert.equal(validateAddress('ethereum', 'testnet', a).ok, true);
      }
      assert.notEqual(ethAddress, usdcAddress);
      assert.equal(await addressOf(alice, eth), ethAddress);
    });

    test('a fiat account is 400 Invalid; foreign and unknown accounts are 404; a missing id is Required', async () => {
      assertError(await alice.get(`${PATHS.depositAddress}?AccountsId=${usd}`), 400, 'AccountsId:Invalid');
      assertError(await alice.post(PATHS.depositAddress, { accountsId: usd }), 400, 'AccountsId:Invalid');
      assertError(await alice.get(`${PATHS.depositAddress}?AccountsId=${bobBtc}`), 404, 'AccountsId:Not_Found');
      assertError(await alice.post(PATHS.depositAddress, { AccountsId: bobBtc }), 404, 'AccountsId:Not_Found');
      assertError(await alice.get(`${PATHS.depositAddress}?AccountsId=999999`), 404, 'AccountsId:Not_Found');
      assertError(await alice.get(PATHS.depositAddress), 400, 'AccountsId:Required');
      assertError(await alice.post(PATHS.depositAddress, {}), 400, 'AccountsId:Required');
    });
  });

  describe('POST /api/v1/customer/accounts/crypto/withdraw', () => {
    test('creates a pending outbound transaction; available drops at once and pending turns negative', async () => {
      const before = await rowCounts(server);
      const response = await withdraw(alice, btc, '0.1', ADDRESSES.btcTestnet);
      const body = assertOk(response);
      const details = body.details as Item;
      assert.deepEqual(Object.keys(details).sort(), ['accountsId', 'amount', 'bPending', 'dateTime', 'description', 'id']);
      assert.equal(body.id, details.id);
      assert.equal(details.accountsId, btc);
      assert.equal(details.bPending, true);
      assert.equal(details.description, 'BTC withdrawal');
      assert.ok(!Number.isNaN(Date.parse(details.dateTime as string)));
      assert.equal(numText((exactBody(response).details as Item).amount), '0.10000000');
      assert.deepEqual(await balancesOf(alice, btc), { total: '0.90000000', available: '0.90000000', pending: '-0.10000000' });
      const after = await rowCounts(server);
      assert.equal(after.transactions, before.transactions + 1);
      const listed = (assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${btc}`)).details as Item[])[0] as Item;
      assert.equal(listed.id, details.id);
      assert.equal(listed.bPending, true);
      await assertLedgerSound(server);
    });

    test('ETH to a checksummed or a single-case address, and an amount as a string, all work', async () => {
      assertOk(await withdraw(alice, eth, '0.5', ADDRESSES.eth));
      assertOk(await withdraw(alice, eth, '"0.25"', ADDRESSES.eth2.toLowerCase()));
      assertOk(await withdraw(alice, usdc, '1.123456', ADDRESSES.eth2));
      assert.deepEqual(await balancesOf(alice, eth), { total: '1.250000000000000000', available: '1.250000000000000000', pending: '-0.750000000000000000' });
      assert.deepEqual(await balancesOf(alice, usdc), { total: '98.876544', available: '98.876544', pending: '-1.123456' });
      await assertLedgerSound(server);
    });

    test('each bad input is rejected with its code and writes nothing', async () => {
      const rows = await rowCounts(server);
      const btcBefore = await balancesOf(alice, btc);
      const ethBefore = await balancesOf(alice, eth);
      const body = (amount: string, address: string = ADDRESSES.btcTestnet, account = btc) =>
        `{"accountsId":${account},"amount":${amount},"destinationAddress":${JSON.stringify(address)}}`;
      const cases: { payload: string; status: number; errors: string[] }[] = [
        { payload: body('0'), status: 400, errors: ['amount:Required'] },
        { payload: body('0.00'), status: 400, errors: ['amount:Required'] },
        { payload: `{"accountsId":${btc},"destinationAddress":"${ADDRESSES.btcTestnet}"}`, status: 400, errors: ['amount:Required'] },
        { payload: body('-0.1'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('"NaN"'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('"abc"'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('"1e400"'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('1e400'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('"Infinity"'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('true'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('0.000000001'), status: 400, errors: ['amount:Invalid'] },
        { payload: body('0.0000000001', ADDRESSES.eth, eth), status: 200, errors: [] },
        { payload: body('5'), status: 400, errors: ['amount:Insufficient_Funds'] },
        { payload: body('0.90000001'), status: 400, errors: ['amount:Insufficient_Funds'] },
        { payload: body('0.1', ADDRESSES.btcMainnet), status: 400, errors: ['destinationAddress:Invalid'] },
        { payload: body('0.1', ADDRESSES.btcBadChecksum), status: 400, errors: ['destinationAddress:Invalid'] },
        { payload: body('0.1', ADDRESSES.eth), status: 400, errors: ['destinationAddress:Invalid'] },
        { payload: body('0.1', ADDRESSES.btcTestnet, eth), status: 400, errors: ['destinationAddress:Invalid'] },
        { payload: body('0.1', ADDRESSES.ethFlipped, eth), status: 400, errors: ['destinationAddress:Invalid'] },
        { payload: body('0.1', 'not an address'), status: 400, errors: ['destinationAddress:Invalid'] },
        { payload: body('0.1', `tb1q${'q'.repeat(97)}`), status: 400, errors: ['destinationAddress:Invalid_Length'] },
        { payload: `{"accountsId":${btc},"amount":0.1}`, status: 400, errors: ['destinationAddress:Required'] },
        { payload: body('0.1', ''), status: 400, errors: ['destinationAddress:Required'] },
        { payload: `{"amount":0.1,"destinationAddress":"${ADDRESSES.btcTestnet}"}`, status: 400, errors: ['accountsId:Required'] },
        { payload: '{}', status: 400, errors: ['accountsId:Required', 'amount:Required', 'destinationAddress:Required'] },
        { payload: body('0.1', ADDRESSES.btcTestnet, usd), status: 400, errors: ['accountsId:Invalid'] },
        { payload: body('0.1', ADDRESSES.btcTestnet, bobBtc), status: 404, errors: ['accountsId:Not_Found'] },
        { payload: body('0.1', ADDRESSES.btcTestnet, 999999), status: 404, errors: ['accountsId:Not_Found'] },
      ];
      for (const c of cases) {
        const response = await alice.postRaw(PATHS.withdraw, c.payload);
        if (c.status === 200) {
          // The one valid case: ETH takes 18 decimals. Undo it so the totals below still hold.
          const id = (assertOk(response).details as Item).id as number;
          assertOk(await alice.post(PATHS.fail, { TransactionsId: id }));
          continue;
        }
        assertError(response, c.status, ...c.errors);
      }
      const after = await rowCounts(server);
      // Only the ETH withdrawal and its rollback were written (2 transactions).
      assert.equal(after.transactions, rows.transactions + 2);
      assert.equal(after.accounts, rows.accounts);
      assert.deepEqual(await balancesOf(alice, btc), btcBefore);
      assert.deepEqual(await balancesOf(alice, eth), ethBefore);
      await assertLedgerSound(server);
    });

    test('a customer whose KYC is not accepted cannot withdraw', async () => {
      const db = server.runtime.database.db;
      const rows = await rowCounts(server);
      await db.updateTable('customers').set({ kyc_status: 'Pending' }).where('id', '=', alice.principal.customersId).execute();
      try {
        assertError(await withdraw(alice, btc, '0.1', ADDRESSES.btcTestnet), 400, 'accountsId:Documents_Not_Verified');
      } finally {
        await db.updateTable('customers').set({ kyc_status: 'Accepted' }).where('id', '=', alice.principal.customersId).execute();
      }
      assert.deepEqual(await rowCounts(server), rows);
    });

    test('screening: a blocked address (added by the `screening` command) is Transaction_Blocked; removing it unblocks', async () => {
      const added = await runCliInProcess(server, ['screening', 'add', '--address', ADDRESSES.eth]);
      assert.equal(added.code, 0, added.stderr);
      const rows = await rowCounts(server);
      const ethBefore = await balancesOf(alice, eth);
      // The checksummed spelling, the lower-case one, and through another ETH-chain asset.
      for (const [account, address] of [
        [eth, ADDRESSES.eth],
        [eth, ADDRESSES.eth.toLowerCase()],
        [usdc, ADDRESSES.eth],
      ] as const) {
        const response = await withdraw(alice, account, '0.01', address);
        assert.equal(response.statusCode, 400, response.body);
        assert.deepEqual(json(response), {
          id: 0,
          details: null,
          status: '0',
          errors: [{ errorType: 'BadRequest', fieldName: 'Screening', messageCode: 'Transaction_Blocked', message: 'Screening blocked the transaction (fieldName `Screening`).' }],
        });
      }
      assert.deepEqual(await rowCounts(server), rows);
      assert.deepEqual(await balancesOf(alice, eth), ethBefore);
      const listed = await runCliInProcess(server, ['screening', 'list', '--json']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(
        (JSON.parse(listed.stdout) as { address: string; asset: string }[]).map((r) => [r.address, r.asset]),
        [[ADDRESSES.eth.toLowerCase(), '*']],
      );
      const removed = await runCliInProcess(server, ['screening', 'remove', '--address', ADDRESSES.eth]);
      assert.equal(removed.code, 0, removed.stderr);
      assertOk(await withdraw(alice, eth, '0.01', ADDRESSES.eth));
    });

    test('screening by asset (library calls): a BTC block, stored in another case, still matches the bech32 address', async () => {
      const db = server.runtime.database.db;
      await addBlockedAddress(db, ADDRESSES.btcTestnet2.toUpperCase(), 'BTC', new Date().toISOString());
      try {
        assertError(await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet2), 400, 'Screening:Transaction_Blocked');
        assertOk(await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet));
      } finally {
        assert.equal(await removeBlockedAddress(db, ADDRESSES.btcTestnet2, 'BTC'), true);
      }
      assertOk(await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet2));
      await assertLedgerSound(server);
    });
  });

  describe('concurrent withdrawals', () => {
    test('two withdrawals of the whole available balance: exactly one succeeds', async () => {
      const account = await createAccount(alice, 'BTC', 'race of two');
      await cryptoDeposit(alice, account, '0.7');
      const responses = await Promise.all([withdraw(alice, account, '0.7', ADDRESSES.btcTestnet), withdraw(alice, account, '0.7', ADDRESSES.btcTestnet2)]);
      const ok = responses.filter((r) => r.statusCode === 200);
      const refused = responses.filter((r) => r.statusCode !== 200);
      assert.equal(ok.length, 1, responses.map((r) => r.body).join('\n'));
      assert.equal(refused.length, 1);
      assertError(refused[0] as (typeof responses)[number], 400, 'amount:Insufficient_Funds');
      assert.deepEqual(await balancesOf(alice, account), { total: '0.00000000', available: '0.00000000', pending: '-0.70000000' });
      await assertLedgerSound(server);
    });

    test('ten withdrawals of a fifth of the balance each: exactly five succeed', async () => {
      const account = await createAccount(alice, 'BTC', 'race of ten');
      await cryptoDeposit(alice, account, '1');
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => withdraw(alice, account, '0.2', i % 2 === 0 ? ADDRESSES.btcTestnet : ADDRESSES.btcTestnet2)));
      const codes = responses.map((r) => r.statusCode);
      assert.equal(codes.filter((c) => c === 200).length, 5, responses.map((r) => r.body).join('\n'));
      for (const r of responses.filter((x) => x.statusCode !== 200)) assertError(r, 400, 'amount:Insufficient_Funds');
      assert.deepEqual(await balancesOf(alice, account), { total: '0.00000000', available: '0.00000000', pending: '-1.00000000' });
      const outbound = await server.runtime.database.db
        .selectFrom('transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accounts_id', '=', account)
        .where('transaction_type', '=', 'Withdrawal')
        .executeTakeFirstOrThrow();
      assert.equal(Number(outbound.n), 5);
      await assertLedgerSound(server);
    });
  });
});
