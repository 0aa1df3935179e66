// Saved crypto wallets (create, list, edit, delete) and the v2 withdrawals (to an address, optionally
// saving it; to a saved wallet): addresses checked exactly as the v1 withdrawal checks them, names
// unique per customer, screening on both paths, another principal's wallets out of reach (404), the
// v1 withdrawal unchanged, every refused request writes nothing. SQLite or PostgreSQL (TEST_DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addBlockedAddress, removeBlockedAddress } from '../src/accounts/index.js';
import { ADDRESSES, assertLedgerSound, assertOk, balancesOf, json, transactionDetail, withdraw, type Api } from './helpers/accounts-helpers.js';
import { refused, SURFACE_PATHS as P } from './helpers/surface-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const WALLET_KEYS = ['address', 'asset', 'customersId', 'dateAdded', 'id', 'name'];

describe('saved crypto wallets and v2 withdrawals', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let btc: number;
  let eth: number;
  let usd: number;
  let bobBtc: number;

  const createWallet = async (api: Api, body: Item): Promise<Item> => {
    const envelope = assertOk(await api.post(P.walletCreate, body));
    const view = envelope.details as Item;
    assert.equal(envelope.id, view.id);
    return view;
  };

  before(async () => {
    const world = await createWorld({
      env: { WALLETS_PER_CUSTOMER_MAX: '8' },
      accounts: { btc: { asset: 'BTC', cryptoDeposit: '1' }, eth: { asset: 'ETH', cryptoDeposit: '2' }, usd: { asset: 'USD', payIn: '10' } },
      other: { accounts: { btc: { asset: 'BTC', cryptoDeposit: '1' } } },
    });
    ({ server, api: alice } = world);
    ({ btc, eth, usd } = world.accounts);
    ({ api: bob } = world.other);
    bobBtc = world.other.accounts.btc;
  });
  after(async () => {
    await server?.close();
  });

  test('create: a BTC testnet wallet and an EIP-55 ETH wallet; the view; AssetsId as an alias of Asset', async () => {
    const w = await createWallet(alice, { Asset: 'btc', Name: 'Cold storage', Address: ADDRESSES.btcTestnet });
    assert.deepEqual(Object.keys(w).sort(), WALLET_KEYS);
    assert.equal(w.asset, 'BTC');
    assert.equal(w.address, ADDRESSES.btcTestnet);
    assert.equal(w.customersId, alice.principal.customersId);
    assert.equal(w.name, 'Cold storage');
    const e = await createWallet(alice, { assetsId: 'ETH', name: 'Ledger', address: ADDRESSES.eth });
    assert.equal(e.asset, 'ETH');
  });

  test('create: every bad input is refused and writes nothing', async () => {
    const cases: [Item, string][] = [
      [{ Asset: 'BTC', Name: 'x', Address: ADDRESSES.btcBadChecksum }, 'Address:Invalid'],
      [{ Asset: 'BTC', Name: 'x', Address: ` ${ADDRESSES.btcTestnet}` }, 'Address:Invalid'], // as the withdrawal: no padding
      [{ Asset: 'BTC', Name: 'x', Address: ADDRESSES.btcMainnet }, 'Address:Invalid'], // another network
      [{ Asset: 'BTC', Name: 'x', Address: ADDRESSES.eth }, 'Address:Invalid'], // another chain
      [{ Asset: 'ETH', Name: 'x', Address: ADDRESSES.btcTestnet }, 'Address:Invalid'],
      [{ Asset: 'ETH', Name: 'x', Address: ADDRESSES.ethFlipped }, 'Address:Invalid'], // EIP-55 checksum
      [{ Asset: 'USD', Name: 'x', Address: ADDRESSES.eth }, 'Asset:Invalid'],
      [{ Asset: 'NOPE', Name: 'x', Address: ADDRESSES.eth }, 'Asset:Invalid'],
      [{ Name: 'x', Address: ADDRESSES.eth }, 'Asset:Required'],
      [{ Asset: 'ETH', Name: '   ', Address: ADDRESSES.eth }, 'Name:Required'],
      [{ Asset: 'ETH', Address: ADDRESSES.eth }, 'Name:Required'],
      [{ Asset: 'ETH', Name: 'x' }, 'Address:Required'],
      [{ Asset: 'ETH', Name: 'x'.repeat(101), Address: ADDRESSES.eth }, 'Name:Invalid_Length'],
      [{ Asset: 'BTC', Name: 'COLD STORAGE ', Address: ADDRESSES.btcTestnet2 }, 'Name:Wallet_Name_Taken'],
    ];
    for (const [body, error] of cases) await refused(server, () => alice.post(P.walletCreate, body), 400, [error]);
    await refused(server, () => alice.post(P.walletCreate, { CustomersId: bob.principal.customersId, Asset: 'BTC', Name: 'y', Address: ADDRESSES.btcTestnet }), 404, [
      'CustomersId:Not_Found',
    ]);
  });

  test('list: mine only, by asset, paged; another principal sees none of them', async () => {
    const all = assertOk(await alice.get(P.walletList));
    assert.deepEqual(
      (all.details as Item[]).map((w) => w.name),
      ['Cold storage', 'Ledger'],
    );
    const onlyEth = assertOk(await alice.get(`${P.walletList}?Asset=eth`));
    assert.deepEqual(
      (onlyEth.details as Item[]).map((w) => w.asset),
      ['ETH'],
    );
    const paged = assertOk(await alice.get(`${P.walletList}?PageSize=1&PageNumber=2`));
    assert.deepEqual([(paged.details as Item[]).length, paged.numberOfPages], [1, 2]);
    assert.deepEqual(assertOk(await bob.get(P.walletList)).details, []);
    const foreign = await bob.get(`${P.walletList}?CustomersId=${alice.principal.customersId}`);
    assert.equal(foreign.statusCode, 404);
  });

  test('edit: rename, change the address (checked for the wallet asset), a taken name, another principal (404)', async () => {
    const w = await createWallet(alice, { Asset: 'BTC', Name: 'Hot', Address: ADDRESSES.btcTestnet });
    const renamed = assertOk(await alice.post(P.walletEdit, { WalletId: w.id, Name: 'Hot wallet', Address: ADDRESSES.btcTestnet2 })).details as Item;
    assert.deepEqual([renamed.name, renamed.address, renamed.asset], ['Hot wallet', ADDRESSES.btcTestnet2, 'BTC']);
    assert.equal((assertOk(await alice.post(P.walletEdit, { WalletId: w.id, Name: 'hot WALLET' })).details as Item).name, 'hot WALLET', 'its own name in another case');
    await refused(server, () => alice.post(P.walletEdit, { WalletId: w.id, Name: 'ledger' }), 400, ['Name:Wallet_Name_Taken']);
    await refused(server, () => alice.post(P.walletEdit, { WalletId: w.id, Address: ADDRESSES.eth }), 400, ['Address:Invalid']);
    await refused(server, () => bob.post(P.walletEdit, { WalletId: w.id, Name: 'mine now' }), 404, ['WalletId:Not_Found']);
    await refused(server, () => alice.post(P.walletEdit, { WalletId: 0 }), 400, ['WalletId:Required']);
  });

  test('delete: another principal gets 404; deleted once; the name is free again', async () => {
    const w = await createWallet(alice, { Asset: 'ETH', Name: 'Temp', Address: ADDRESSES.eth2 });
    await refused(server, () => bob.post(P.walletDelete, { WalletId: w.id }), 404, ['WalletId:Not_Found']);
    const deleted = assertOk(await alice.post(P.walletDelete, { WalletId: w.id }));
    assert.deepEqual([deleted.id, deleted.details], [w.id, { walletId: w.id, bDeleted: true }]);
    await refused(server, () => alice.post(P.walletDelete, { WalletId: w.id }), 404, ['WalletId:Not_Found']);
    const again = await createWallet(alice, { Asset: 'ETH', Name: 'temp', Address: ADDRESSES.eth2 });
    assertOk(await alice.post(P.walletDelete, { WalletId: again.id }));
  });

  test('v2 withdraw: to an address, saving it as a wallet in the same transaction', async () => {
    const response = await alice.postRaw(
      P.withdrawV2,
      `{"AccountsId":${btc},"Amount":0.1,"DestinationAddress":"${ADDRESSES.btcTestnet2}","bSaveWallet":true,"WalletName":"Exchange deposit"}`,
    );
    const envelope = assertOk(response);
    const d = envelope.details as Item;
    assert.equal(envelope.id, d.id);
    assert.equal(d.bPending, true);
    assert.equal(typeof d.walletId, 'number');
    const detail = await transactionDetail(alice, d.id as number);
    assert.equal((detail.walletTransferDetails as Item).toWalletAddress, ADDRESSES.btcTestnet2);
    assert.equal((await balancesOf(alice, btc)).available, '0.90000000');
    const saved = (assertOk(await alice.get(`${P.walletList}?Asset=BTC`)).details as Item[]).find((w) => w.id === d.walletId);
    assert.deepEqual([saved?.name, saved?.address], ['Exchange deposit', ADDRESSES.btcTestnet2]);
    const plain = assertOk(await alice.postRaw(P.withdrawV2, `{"AccountsId":${btc},"Amount":"0.01","DestinationAddress":"${ADDRESSES.btcTestnet}"}`));
    assert.equal((plain.details as Item).walletId, null);
    await assertLedgerSound(server);
  });

  test('v2 withdraw: bad input (a duplicate wallet name too) is refused and moves nothing', async () => {
    const cases: [string, number, string][] = [
      [`{"AccountsId":${btc},"Amount":0.1,"DestinationAddress":"${ADDRESSES.btcMainnet}"}`, 400, 'DestinationAddress:Invalid'],
      [`{"AccountsId":${btc},"Amount":0.1,"DestinationAddress":"${ADDRESSES.eth}"}`, 400, 'DestinationAddress:Invalid'],
      [`{"AccountsId":${btc},"Amount":0.000000001,"DestinationAddress":"${ADDRESSES.btcTestnet}"}`, 400, 'Amount:Invalid'],
      [`{"AccountsId":${btc},"Amount":50,"DestinationAddress":"${ADDRESSES.btcTestnet}"}`, 400, 'Amount:Insufficient_Funds'],
      [`{"AccountsId":${usd},"Amount":1,"DestinationAddress":"${ADDRESSES.btcTestnet}"}`, 400, 'AccountsId:Invalid'],
      [`{"AccountsId":${bobBtc},"Amount":0.1,"DestinationAddress":"${ADDRESSES.btcTestnet}"}`, 404, 'AccountsId:Not_Found'],
      [`{"AccountsId":${btc},"Amount":0.1,"DestinationAddress":"${ADDRESSES.btcTestnet}","bSaveWallet":true}`, 400, 'WalletName:Required'],
      [`{"AccountsId":${btc},"Amount":0.1,"DestinationAddress":"${ADDRESSES.btcTestnet}","bSaveWallet":true,"WalletName":"exchange DEPOSIT"}`, 400, 'WalletName:Wallet_Name_Taken'],
    ];
    const before = await balancesOf(alice, btc);
    for (const [payload, status, error] of cases) await refused(server, () => alice.postRaw(P.withdrawV2, payload), status, [error]);
    assert.deepEqual(await balancesOf(alice, btc), before);
  });

  test('withdraw to a saved wallet; its asset and customer must be the account’s; another principal’s wallet is 404', async () => {
    const w = await createWallet(alice, { Asset: 'ETH', Name: 'ETH out', Address: ADDRESSES.eth2 });
    const d = assertOk(await alice.postRaw(P.withdrawToSaved, `{"AccountsId":${eth},"Amount":"0.5","WalletId":${w.id}}`)).details as Item;
    assert.equal(d.walletId, w.id);
    const detail = await transactionDetail(alice, d.id as number);
    assert.equal((detail.walletTransferDetails as Item).toWalletAddress, ADDRESSES.eth2);
    const bobWallet = assertOk(await bob.post(P.walletCreate, { Asset: 'BTC', Name: 'Bob', Address: ADDRESSES.btcTestnet })).details as Item;
    await refused(server, () => alice.postRaw(P.withdrawToSaved, `{"AccountsId":${btc},"Amount":"0.1","WalletId":${w.id}}`), 400, ['WalletId:Invalid']);
    await refused(server, () => alice.postRaw(P.withdrawToSaved, `{"AccountsId":${btc},"Amount":"0.1","WalletId":${String(bobWallet.id)}}`), 404, ['WalletId:Not_Found']);
    await refused(server, () => bob.postRaw(P.withdrawToSaved, `{"AccountsId":${bobBtc},"Amount":"0.1","WalletId":${w.id}}`), 404, ['WalletId:Not_Found']);
    await refused(server, () => alice.postRaw(P.withdrawToSaved, `{"AccountsId":${eth},"Amount":"5","WalletId":${w.id}}`), 400, ['Amount:Insufficient_Funds']);
    await assertLedgerSound(server);
  });

  test('screening blocks both v2 paths and v1 alike; v1 keeps working', async () => {
    const w = await createWallet(alice, { Asset: 'BTC', Name: 'Soon blocked', Address: 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7' });
    const db = server.runtime.database.db;
    await addBlockedAddress(db, ADDRESSES.btcTestnet2, 'BTC', new Date(server.clock.nowMs()).toISOString());
    try {
      await refused(server, () => alice.postRaw(P.withdrawToSaved, `{"AccountsId":${btc},"Amount":"0.01","WalletId":${String(w.id)}}`), 400, ['Screening:Transaction_Blocked']);
      await refused(server, () => alice.postRaw(P.withdrawV2, `{"AccountsId":${btc},"Amount":0.01,"DestinationAddress":"${ADDRESSES.btcTestnet2.toUpperCase()}"}`), 400, [
        'Screening:Transaction_Blocked',
      ]);
      await refused(server, () => withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet2), 400, ['Screening:Transaction_Blocked']);
    } finally {
      await removeBlockedAddress(db, ADDRESSES.btcTestnet2, 'BTC');
    }
    const v1 = await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet);
    assert.equal((assertOk(v1).details as Item).bPending, true);
    assert.equal('walletId' in (json(v1).details as Item), false, 'v1 answers as before');
  });

  test('idempotent: a replayed save-and-withdraw answers the first result and saves one wallet', async () => {
    const headers = { IdempotencyKey: '6f1c2a0e-1b2c-4d5e-8f90-123456789abc' };
    const payload = `{"AccountsId":${eth},"Amount":"0.1","DestinationAddress":"${ADDRESSES.eth}","bSaveWallet":true,"WalletName":"Replay"}`;
    const first = assertOk(await alice.postRaw(P.withdrawV2, payload, headers));
    const second = await alice.postRaw(P.withdrawV2, payload, headers);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.deepEqual(assertOk(second).details, first.details);
    const named = (assertOk(await alice.get(`${P.walletList}?PageSize=100`)).details as Item[]).filter((w) => w.name === 'Replay');
    assert.equal(named.length, 1);
  });

  test('the limit: WALLETS_PER_CUSTOMER_MAX wallets, then Wallet_Limit_Reached', async () => {
    const count = (assertOk(await alice.get(`${P.walletList}?PageSize=100`)).details as Item[]).length;
    for (let i = count; i < 8; i++) await createWallet(alice, { Asset: 'ETH', Name: `Fill ${i}`, Address: ADDRESSES.eth });
    await refused(server, () => alice.post(P.walletCreate, { Asset: 'ETH', Name: 'One too many', Address: ADDRESSES.eth }), 400, ['Name:Wallet_Limit_Reached']);
  });
});
