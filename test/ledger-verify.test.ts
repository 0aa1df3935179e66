// Exact amounts end to end (strings for numbers, large and 18-decimal values) and the ledger's
// invariants: verifyLedger and the `ibanera-server verify` command, before and after corruption.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyBooks } from '../src/accounts/index.js';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { ADDRESSES, assertLedgerSound, assertOk, balancesOf, createAccount, cryptoDeposit, numText, PATHS, payIn, runCli, withdraw, type Api } from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;

describe('exact amounts and ledger verification', () => {
  let server: TestServer;
  let alice: Api;

  before(async () => {
    ({ server, api: alice } = await createWorld());
  });
  after(async () => {
    await server?.close();
  });

  describe('numbers', () => {
    test('an amount sent as a JSON string works like the number', async () => {
      const a = await createAccount(alice, 'USD', 'string amounts');
      const b = await createAccount(alice, 'USD', 'number amounts');
      assertOk(await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${a},"TransferType":"ACH","Amount":"0.1"}`));
      assertOk(await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${a},"TransferType":"ACH","Amount":"0.2"}`));
      await payIn(alice, b, '0.1');
      await payIn(alice, b, '0.2');
      assert.deepEqual(await balancesOf(alice, a), { total: '0.30', available: '0.30', pending: '0.00' });
      assert.deepEqual(await balancesOf(alice, a), await balancesOf(alice, b));
    });

    test('123456789.12 USD pays in and reads back exactly everywhere', async () => {
      const usd = await createAccount(alice, 'USD', 'large');
      const id = await payIn(alice, usd, '123456789.12', 'WIRE');
      assert.deepEqual(await balancesOf(alice, usd), { total: '123456789.12', available: '123456789.12', pending: '0.00' });
      const listed = (exactBody(await alice.get(`${PATHS.transactions}?AccountsId=${usd}`)).details as Item[])[0] as Item;
      assert.equal(numText(listed.amount), '123456789.12');
      const detail = exactBody(await alice.get(`${PATHS.transactionV2}?Id=${id}`)).details as Item;
      assert.equal(numText(detail.amount), '123456789.12');
      const balances = exactBody(await alice.get(PATHS.balances)).details as Item[];
      const item = balances.find((i) => numText(i.id) === String(usd)) as Item;
      assert.equal(numText(item.totalBalance), '123456789.12');
      const list = exactBody(await alice.get(`${PATHS.listAccounts}?Asset=USD&PageSize=50`)).details as Item[];
      assert.equal(numText((list.find((i) => numText(i.id) === String(usd)) as Item).availableBalance), '123456789.12');
      // Adding a cent keeps every digit.
      await payIn(alice, usd, '0.01', 'WIRE');
      assert.equal((await balancesOf(alice, usd)).total, '123456789.13');
    });

    test('ETH keeps all 18 decimals through deposit, withdrawal and balances', async () => {
      const eth = await createAccount(alice, 'ETH', 'precise');
      await cryptoDeposit(alice, eth, '1.000000000000000001');
      const out = await withdraw(alice, eth, '"0.123456789012345678"', ADDRESSES.eth);
      assert.equal(numText((exactBody(out).details as Item).amount), '0.123456789012345678');
      assert.deepEqual(await balancesOf(alice, eth), { total: '0.876543210987654323', available: '0.876543210987654323', pending: '-0.123456789012345678' });
      await assertLedgerSound(server);
    });
  });

  describe('verification', () => {
    test('`ibanera-server verify` exits 0 after a money flow', async () => {
      const usd = await createAccount(alice, 'USD', 'flow');
      const btc = await createAccount(alice, 'BTC', 'flow');
      await payIn(alice, usd, '25.50');
      await cryptoDeposit(alice, btc, '0.3');
      const pendingIn = await cryptoDeposit(alice, btc, '0.2', false);
      const w1 = (assertOk(await withdraw(alice, btc, '0.1', ADDRESSES.btcTestnet)).details as Item).id as number;
      const w2 = (assertOk(await withdraw(alice, btc, '0.05', ADDRESSES.btcTestnet2)).details as Item).id as number;
      assertOk(await alice.post(PATHS.fail, { TransactionsId: w1 }));
      assertOk(await alice.post(PATHS.complete, { TransactionsId: w2 }));
      assertOk(await alice.post(PATHS.complete, { TransactionsId: pendingIn }));
      await assertLedgerSound(server);
      const result = await runCli(server, ['verify']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /ledger verified/);
      assert.equal(result.stderr, '');
    });

    const verify = () => verifyBooks(server.runtime.database.db, { now: new Date(server.clock.nowMs()).toISOString(), holdExpiryGraceMs: 60_000 });

    test('a corrupted stored balance is found: verify names it and `verify` exits 1', async () => {
      const usd = await createAccount(alice, 'USD', 'to corrupt');
      await payIn(alice, usd, '5');
      const db = server.runtime.database.db;
      await db.updateTable('ledger_balances').set({ posted: '1' }).where('accounts_id', '=', usd).execute();
      const problems = await verify();
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0] as string, new RegExp(`account ${usd}\\b.*posted`));
      const result = await runCli(server, ['verify']);
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stderr, /FAILED/);
      assert.match(result.stderr, new RegExp(`account ${usd}\\b`));
      // Put it back: the ledger verifies again.
      await db.updateTable('ledger_balances').set({ posted: '5' }).where('accounts_id', '=', usd).execute();
      await assertLedgerSound(server);
    });

    test('an unbalanced journal, an unregistered system account and a row whose hold disagrees are reported', async () => {
      const db = server.runtime.database.db;
      const usd = await createAccount(alice, 'USD', 'unbalanced');
      const id = await payIn(alice, usd, '2');
      const row = await db.selectFrom('transactions').select(['journals_id']).where('id', '=', id).executeTakeFirstOrThrow();
      const leg = await db
        .selectFrom('ledger_legs')
        .select(['id', 'amount', 'system_account'])
        .where('journals_id', '=', row.journals_id)
        .where('accounts_id', 'is', null)
        .executeTakeFirstOrThrow();
      await db.updateTable('ledger_legs').set({ amount: '-1.5', system_account: 'treasury:USD' }).where('id', '=', leg.id).execute();
      await db.updateTable('transactions').set({ status: 'Failed' }).where('id', '=', id).execute();
      const problems = (await verify()).join('\n');
      assert.match(problems, /does not balance/);
      assert.match(problems, /debits and credits differ/);
      assert.match(problems, /system account treasury:USD is not in the registry/);
      assert.match(problems, new RegExp(`transaction ${id} is Failed without a hold`));
      await db.updateTable('ledger_legs').set({ amount: leg.amount, system_account: leg.system_account }).where('id', '=', leg.id).execute();
      await db.updateTable('transactions').set({ status: 'Completed' }).where('id', '=', id).execute();
      await assertLedgerSound(server);
    });

    test('a pending row whose hold was ended behind its back, and a hold captured beyond its amount, are reported', async () => {
      const db = server.runtime.database.db;
      const btc = await createAccount(alice, 'BTC', 'holds');
      await cryptoDeposit(alice, btc, '1');
      const w = (assertOk(await withdraw(alice, btc, '0.25', ADDRESSES.btcTestnet2)).details as Item).id as number;
      const row = await db.selectFrom('transactions').select(['holds_id']).where('id', '=', w).executeTakeFirstOrThrow();
      assert.ok(row.holds_id !== null, 'a pending withdrawal has a hold');
      const hold = await db.selectFrom('ledger_holds').selectAll().where('id', '=', row.holds_id).executeTakeFirstOrThrow();
      await db
        .updateTable('ledger_holds')
        .set({ status: 'captured', captured_amount: '-0.5', date_ended: hold.date_placed, ended_journals_id: hold.journals_id })
        .where('id', '=', hold.id)
        .execute();
      const problems = (await verify()).join('\n');
      assert.match(problems, new RegExp(`hold ${hold.id} is captured beyond its amount`));
      assert.match(problems, new RegExp(`transaction ${w} is Pending but its hold ${hold.id} is captured`));
      assert.match(problems, new RegExp(`account ${btc}: pending_out .* but its pending holds sum to 0`));
      await db
        .updateTable('ledger_holds')
        .set({ status: 'pending', captured_amount: hold.captured_amount, date_ended: null, ended_journals_id: null })
        .where('id', '=', hold.id)
        .execute();
      await assertLedgerSound(server);
    });
  });
});
