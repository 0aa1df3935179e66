// The SDK's named wrappers for the newer modules against a real server over real HTTP (real logins
// and TOTP codes): a BTC buy, an FX quote and execution, a card created, activated, topped up and
// authorized, an RFI answered with text and a PDF, a business created with a document, a saved
// wallet withdrawn to, a card payee, and QuickBuy Pro with an API key. SQLite and PostgreSQL alike.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestPrincipal, type TestServer } from '../../test/helpers/test-server.js';
import { createKey } from '../../test/helpers/quickbuy-helpers.js';
import { payeeBody } from '../../test/helpers/transfers-helpers.js';
import { Ibanera, IbaneraApiError, QuickbuyProClient, QuickbuyProError } from '../src/index.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% invoice\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const BTC_TESTNET = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';

describe('SDK wrappers of the newer modules against a real server', () => {
  let server: TestServer;
  let baseUrl: string;

  before(async () => {
    server = await startTestServer();
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => server.close());

  const clientFor = (p: TestPrincipal) => new Ibanera({ baseUrl, username: p.username, password: p.password, secret: p.sharedSecret });

  async function funded(ibanera: Ibanera, customersId: number, asset: string, amount?: string): Promise<number> {
    const id = (await ibanera.accounts.create({ CustomersId: customersId, Name: asset, Asset: asset })).accounts[0]?.id as number;
    if (amount !== undefined) await ibanera.simulations.payIn({ DestinationAccountId: id, TransferType: 'ACH', Amount: amount });
    return id;
  }

  test('crypto exchanges: pairs, a quote, a BTC buy at a set price, get and list; amounts exact', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const usd = await funded(ibanera, principal.customersId, 'USD', '100000.00');
    await funded(ibanera, principal.customersId, 'BTC');
    const pairs: string[] = [];
    for await (const pair of ibanera.cryptoExchanges.availablePairs()) pairs.push(pair.assetPair);
    assert.ok(pairs.includes('BTC/USD'), pairs.join());
    const price = (await ibanera.simulations.price({ AssetPair: 'BTC/USD', Price: '50000.00' })).price;
    assert.equal(Number(price), 50000);
    const quote = await ibanera.cryptoExchanges.quote({ AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.01', ExchangeType: 'Buy' });
    assert.equal(quote.price, price);
    assert.equal(typeof quote.total, 'string');
    const bought = await ibanera.cryptoExchanges.buy({ AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.01' });
    assert.equal(bought.exchangeType, 'Buy');
    assert.equal(bought.requestAmount, '0.01000000');
    assert.equal(typeof bought.commissionFee, 'string');
    const got = await ibanera.cryptoExchanges.get({ Id: bought.id });
    assert.equal(got.id, bought.id);
    const listed: number[] = [];
    for await (const exchange of ibanera.cryptoExchanges.list({ PageSize: 1 })) listed.push(exchange.id);
    assert.deepEqual(listed, [bought.id]);
    const btcAccount = (await ibanera.accounts.list({ Asset: 'BTC' }).next()).value;
    assert.equal(btcAccount?.availableBalance, '0.01000000');
    // A sell waits for confirmation: reviewed, confirmed; a second one cancelled (its hold released).
    const sold = await ibanera.cryptoExchanges.sell({ AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.005' });
    assert.equal(sold.status, 'WaitingForConfirmation');
    const reviewed = await ibanera.cryptoExchanges.reviewQuote({ ExchangeId: sold.id });
    assert.equal(reviewed.amount, '0.00500000');
    const confirmed = await ibanera.cryptoExchanges.confirmSell({ ExchangeId: sold.id });
    assert.equal(confirmed.executedAmount, '0.00500000');
    const second = await ibanera.cryptoExchanges.sell({ AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.001' });
    assert.equal((await ibanera.cryptoExchanges.cancel({ ExchangeId: second.id })).status, 'Cancelled');
    const notWaiting = await ibanera.cryptoExchanges.cancel({ ExchangeId: second.id }).catch((e: unknown) => e);
    assert.ok(notWaiting instanceof IbaneraApiError && notWaiting.has('Exchange_Not_Waiting', 'ExchangeId'), String(notWaiting));
    const account = await ibanera.accounts.get(usd);
    assert.ok(BigInt(account.availableBalance.replace('.', '')) < 10_000_000n, account.availableBalance);
  });

  test('FX: pairs, account details, a USD→GBP quote by source amount and its execution; list', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const usd = await funded(ibanera, principal.customersId, 'USD', '10000.00');
    const pairs: string[] = [];
    for await (const pair of ibanera.fx.pairs()) pairs.push(pair.assetPair);
    assert.ok(pairs.includes('GBP/USD'), pairs.join());
    const accounts = await ibanera.fx.accountDetails({ SourceCurrency: 'USD', DestinationCurrency: 'GBP' });
    assert.ok(accounts.sourceAccounts.some((a) => a.id === usd));
    const quote = await ibanera.fx.quote({ SourceCurrency: 'USD', DestinationCurrency: 'GBP', SourceAmount: '1234.56' });
    assert.equal(quote.sourceAmount, '1234.56');
    assert.equal(typeof quote.destinationAmount, 'string');
    const executed = await ibanera.fx.execute({ QuoteId: quote.id });
    assert.equal(executed.quoteId, quote.id);
    assert.equal(executed.destinationAmount, quote.destinationAmount);
    const listed: number[] = [];
    for await (const fx of ibanera.fx.list()) listed.push(fx.id);
    assert.deepEqual(listed, [executed.id]);
    assert.equal((await ibanera.accounts.get(usd)).availableBalance, '8765.44', '10000.00 − 1234.56, to the cent');
  });

  test('cards: create, activate, top up 50.00, a sandbox authorization of 25.00 and its capture; balances and transactions', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const usd = await funded(ibanera, principal.customersId, 'USD', '100.00');
    const fields = await ibanera.cards.complianceFields();
    assert.ok(fields.occupationTypes.length > 0);
    const created = await ibanera.cards.create({ CustomersId: principal.customersId, currency: 'USD', cardType: 'Virtual' });
    assert.equal(created.card.status, 'Deactivated');
    const card = created.card.id;
    assert.equal((await ibanera.cards.activate({ CardsId: card })).card.status, 'Active');
    const topUp = await ibanera.cards.transferFunds({
      amount: '50.00',
      reference: 'top up',
      transferTypes: 'TopUpCard',
      currencyType: 'USD',
      DestinationCardId: card,
      CustomerAssetAccountId: usd,
    });
    assert.equal(topUp.amount, '50.00');
    const authorization = await ibanera.cards.simulations.authorization({ CardsId: card, Amount: '25.00', MerchantName: 'Coffee Shop', MerchantCategoryCode: '5814' });
    assert.equal(authorization.amount, '25.00');
    const captured = await ibanera.cards.simulations.capture({ AuthorizationId: authorization.authorizationId, Amount: '20.00' });
    assert.deepEqual([captured.capturedAmount, captured.releasedAmount], ['20.00', '5.00']);
    const details = await ibanera.cards.details({ CardId: card });
    assert.deepEqual([details.totalBalance, details.availableBalance, details.pendingBalance], ['30.00', '30.00', '0.00']);
    const rows: string[] = [];
    for await (const row of ibanera.cards.transactions({ CardId: card })) rows.push(`${row.transactionType} ${row.amount}`);
    assert.deepEqual(rows, ['Purchase -20.00', 'TopUp 50.00']);
    const sensitive = await ibanera.cards.sensitiveDetails({ CardId: card });
    assert.equal(sensitive.cardNumber.slice(-4), details.cardLast4);
    // A second authorization reversed (all released), a refund credited, a withdrawal by topup.
    const second = await ibanera.cards.simulations.authorization({ CardsId: card, Amount: '5.00', MerchantName: 'Book Shop' });
    assert.equal((await ibanera.cards.simulations.reversal({ AuthorizationId: second.authorizationId })).releasedAmount, '5.00');
    assert.equal((await ibanera.cards.simulations.refund({ CardsId: card, Amount: '1.25', MerchantName: 'Coffee Shop' })).amount, '1.25');
    assert.equal((await ibanera.cards.topUp({ CustomerAssetAccountsId: usd, CardsId: card, Amount: '0.25', Type: 'Withdraw' })).amount, '0.25');
    assert.equal((await ibanera.cards.details({ CardId: card })).availableBalance, '31.00');
    const document = await ibanera.cards.documentUpload(
      { customersId: principal.customersId, type: 'Corporate Authorization Document' },
      { fileName: 'authorization.pdf', content: PDF, contentType: 'application/pdf' },
    );
    assert.deepEqual([document.fileName, document.contentType, document.documentSide], ['authorization.pdf', 'application/pdf', 'Front']);
    const error = await ibanera.cards.activate({ CardsId: card }).catch((e: unknown) => e);
    assert.ok(error instanceof IbaneraApiError && error.has('Card_Active'), String(error));
  });

  test('information requests: one opened in the sandbox, listed, answered with text and a PDF (multipart)', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const usd = await funded(ibanera, principal.customersId, 'USD');
    const transactionsId = await ibanera.simulations.payIn({ DestinationAccountId: usd, TransferType: 'WIRE', Amount: '10.00' });
    const opened = await ibanera.informationRequests.simulations.open({ TransactionsId: transactionsId });
    const listed: number[] = [];
    for await (const item of ibanera.informationRequests.list()) listed.push(item.id);
    assert.deepEqual(listed, [opened.id]);
    const details = await ibanera.informationRequests.details({ Id: opened.id });
    const answers: Record<string, string> = {};
    for (const q of details.questions) if (q.answerType === 'Text') answers[String(q.id)] = `Answer to ${q.id}: salary, 10.00 exactly`;
    const submitted = await ibanera.informationRequests.submit({
      informationRequestsId: opened.id,
      answers,
      documents: [{ fileName: 'invoice.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    assert.equal(submitted.status, 'Under Review');
    assert.equal(submitted.documentsIds.length, 1);
    const after = await ibanera.informationRequests.details({ Id: opened.id });
    assert.deepEqual(
      after.documents.map((d) => [d.fileName, d.contentType, d.sizeBytes]),
      [['invoice.pdf', 'application/pdf', PDF.length]],
    );
    for (const q of after.questions) if (q.answerType === 'Text') assert.equal(q.answer, answers[String(q.id)]);
  });

  test('an upload whose answer was lost is retried with the same IdempotencyKey and stored once', async () => {
    const principal = await server.createPrincipal();
    const sent: { key: string | null; replayed: string | null }[] = [];
    let dropNext = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('uploaddocument')) {
        sent.push({ key: new Headers(init?.headers).get('IdempotencyKey'), replayed: response.headers.get('idempotent-replayed') });
        if (dropNext) {
          dropNext = false;
          await response.text();
          throw new TypeError('fetch failed', { cause: new Error('socket hang up (simulated)') });
        }
      }
      return response;
    };
    const ibanera = new Ibanera({ baseUrl, username: principal.username, password: principal.password, secret: principal.sharedSecret, fetch: lossy, retryDelayMs: 10 });
    const created = await ibanera.business.create({
      PersonalDetails: {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Reference: 'BIZ-SDK-2',
        CurrencyCode: 'USD',
        EmailAddress: 'ada@business.example',
        PhoneNumber: '+1 (202) 555-0143',
      },
      CompanyName: 'Engines SDK LLC',
      RegisteredCountryCode: 'USA',
      bConductsThirdPartyPayments: false,
      RequestedProducts: ['FiatAccounts'],
      SendInvite: false,
    });
    const uploaded = await ibanera.business.uploadDocument(
      { CustomersId: created.id, DocumentType: 'CertificateOfIncorporation' },
      { fileName: 'incorporation.pdf', content: PDF, contentType: 'application/pdf' },
    );
    assert.equal(sent.length, 2);
    assert.ok(sent[0]?.key !== null && sent[0]?.key === sent[1]?.key, 'the retry carries the first key');
    assert.equal(sent[1]?.replayed, 'true', 'the server replayed the first answer');
    const stored = await server.runtime.database.db.selectFrom('documents').select('id').where('customers_id', '=', created.id).execute();
    assert.deepEqual(
      stored.map((d) => Number(d.id)),
      [uploaded.documentId],
      'one document',
    );
  });

  test('business onboarding: parameters, a business created, a document uploaded (multipart) and deleted, the status', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    await ibanera.business.creationParameters();
    const created = await ibanera.business.create({
      PersonalDetails: {
        FirstName: 'Grace',
        LastName: 'Hopper',
        Reference: 'BIZ-SDK-1',
        CurrencyCode: 'USD',
        EmailAddress: 'owner@business.example',
        PhoneNumber: '+1 (202) 555-0142',
      },
      CompanyName: 'Compilers SDK LLC',
      RegisteredCountryCode: 'USA',
      bConductsThirdPartyPayments: false,
      RequestedProducts: ['FiatAccounts'],
      SendInvite: false,
    });
    const uploaded = await ibanera.business.uploadDocument(
      { CustomersId: created.id, DocumentType: 'CertificateOfIncorporation' },
      { fileName: 'incorporation.pdf', content: PDF, contentType: 'application/pdf' },
    );
    assert.deepEqual([uploaded.fileName, uploaded.contentType, uploaded.sizeBytes], ['incorporation.pdf', 'application/pdf', PDF.length]);
    const status = await ibanera.business.verificationStatus({ CustomersId: created.id });
    assert.ok(status !== null);
    const refused = await ibanera.business
      .uploadDocument({ CustomersId: created.id, DocumentType: 'ProofOfAddress' }, { fileName: 'fake.pdf', content: 'MZ not a pdf', contentType: 'application/pdf' })
      .catch((e: unknown) => e);
    assert.ok(refused instanceof IbaneraApiError && refused.has('Invalid_File_Type'), String(refused));
    await ibanera.business.deleteDocument({ CustomersId: created.id, DocumentId: uploaded.documentId });
  });

  test('saved wallets: create, list, edit, withdraw to it, withdraw to an address, delete', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const btc = await funded(ibanera, principal.customersId, 'BTC');
    await ibanera.simulations.cryptoDeposit({ DestinationAccountId: btc, Amount: '1.00000000', bComplete: true });
    const wallet = await ibanera.wallets.create({ Asset: 'BTC', Name: 'Cold storage', Address: BTC_TESTNET });
    assert.equal(wallet.address, BTC_TESTNET);
    const names: string[] = [];
    for await (const w of ibanera.wallets.list()) names.push(w.name);
    assert.deepEqual(names, ['Cold storage']);
    await ibanera.wallets.edit({ WalletId: wallet.id, Name: 'Vault' });
    const toSaved = await ibanera.wallets.withdrawToSavedWallet({ AccountsId: btc, Amount: '0.12345678', WalletId: wallet.id });
    assert.equal(toSaved.amount, '0.12345678');
    assert.equal(toSaved.walletId, wallet.id);
    const toAddress = await ibanera.wallets.withdraw({ AccountsId: btc, Amount: '0.00000001', DestinationAddress: BTC_TESTNET });
    assert.equal(toAddress.amount, '0.00000001');
    await ibanera.wallets.delete({ WalletId: wallet.id });
    const left: number[] = [];
    for await (const w of ibanera.wallets.list()) left.push(w.id);
    assert.deepEqual(left, []);
  });

  test('card payees: create, get, list; the number never comes back; an ACH pull from a linked payee', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const created = await ibanera.cardPayees.create({
      CustomersId: principal.customersId,
      Name: 'Jane Cardholder',
      CardNumber: '4111111111111111',
      ExpiryMonth: 12,
      ExpiryYear: 2035,
    });
    assert.equal(created.maskedCardNumber, '**** **** **** 1111');
    assert.equal((await ibanera.cardPayees.get({ Id: created.id })).cardLastFour, '1111');
    const listed: number[] = [];
    for await (const p of ibanera.cardPayees.list()) listed.push(p.id);
    assert.deepEqual(listed, [created.id]);
    // ACH pull from a linked (bVerified in the sandbox) bank payee: a pending deposit, exact amount.
    const usd = await funded(ibanera, principal.customersId, 'USD');
    const bank = await ibanera.payees.create(payeeBody(principal.customersId, 'ACH', { bVerified: true }) as Parameters<typeof ibanera.payees.create>[0]);
    const pulled = await ibanera.cardPayees.achPull({ PayeesId: bank.id, DestinationAccountId: usd, Amount: '250.10' });
    assert.equal(pulled.amount, '250.10');
    assert.equal((await ibanera.accounts.get(usd)).pendingBalance, '250.10');
  });

  test('QuickBuy Pro with an API key: create, get, list, delete; errors carry the message', async () => {
    const merchant = await server.createPrincipal();
    const key = await createKey(server, merchant.username);
    const pro = new QuickbuyProClient({ baseUrl, apiKey: key.apiKey });
    const body = {
      client: { reference: 'sdk-buyer-000000001', first: 'Jane', last: 'Buyer', email: 'jane@buyer.example' },
      payment: { amount: '25.00', currency: 'USD', timeoutMin: 30 },
    };
    const created = await pro.create(body);
    assert.match(created.id, /^[0-9a-f]{24}$/);
    assert.equal(created.Amount, '25.00');
    const order = await pro.get(created.id);
    assert.equal(order.status, 'NOT_STARTED');
    assert.equal(order.fiat.amount, '25.00');
    const bearer = new QuickbuyProClient({ baseUrl, apiKey: key.apiKey, auth: 'bearer' });
    const ids: string[] = [];
    for await (const o of bearer.list({ PageSize: 1 })) ids.push(o.id);
    assert.deepEqual(ids, [created.id]);
    assert.equal(await pro.delete(created.id), created.id);
    const gone = await pro.get(created.id).catch((e: unknown) => e);
    assert.ok(gone instanceof QuickbuyProError, String(gone));
    assert.equal(gone.httpStatus, 404);
    assert.equal(gone.messageCode, 'Not_Found');
    assert.equal(typeof gone.proMessage, 'string');
    const wrongKey = await new QuickbuyProClient({ baseUrl, apiKey: `${key.apiKey}0` }).get(created.id).catch((e: unknown) => e);
    assert.ok(wrongKey instanceof QuickbuyProError && wrongKey.httpStatus === 401, String(wrongKey));
    // A create whose answer was lost is retried with the same IdempotencyKey: one payment, not two.
    const sent: { key: string | null; replayed: string | null }[] = [];
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('/quickbuy/v1/create')) {
        sent.push({ key: new Headers(init?.headers).get('IdempotencyKey'), replayed: response.headers.get('idempotent-replayed') });
        if (sent.length === 1) {
          await response.text();
          throw new TypeError('fetch failed', { cause: new Error('socket hang up (simulated)') });
        }
      }
      return response;
    };
    const retried = await new QuickbuyProClient({ baseUrl, apiKey: key.apiKey, fetch: lossy, retryDelayMs: 10 }).create({
      ...body,
      client: { ...body.client, reference: 'sdk-buyer-000000002' },
    });
    assert.equal(sent.length, 2);
    assert.ok(sent[0]?.key !== null && sent[0]?.key === sent[1]?.key, 'the retry carries the first key');
    assert.equal(sent[1]?.replayed, 'true', 'the server answered the first payment again');
    const after: string[] = [];
    for await (const o of pro.list()) after.push(o.id);
    assert.deepEqual(after, [retried.id], 'one payment was made');
    await assert.rejects(
      // @ts-expect-error: an amount is never a JavaScript number
      pro.create({ ...body, payment: { ...body.payment, amount: 25 } }),
      /payment\.amount is an amount/,
    );
  });
});
