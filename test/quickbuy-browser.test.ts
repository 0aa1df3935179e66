// The payment page and the widget in a real browser: Debian's Chromium driven by playwright-core
// against this server listening on a real port. A payment made over the API is paid on its page
// with the success card (result, redirect after 5 s, both callbacks at a real receiver with valid
// Quickbuy-Signature); a declined card; an expired order; the widget on a merchant page from a
// whitelisted origin, refused from another origin, with a stale or forged token, with a forged
// origin. No browser is downloaded: CHROMIUM_PATH (default /usr/bin/chromium) must exist, else the
// file is skipped. UPDATE_SCREENSHOTS=1 writes the screenshots to docs/images/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CallbackReceiver } from './helpers/callbacks-receiver.js';
import { createKey, quickbuySignature, widgetToken, type QuickBuyKey } from './helpers/quickbuy-helpers.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? new URL('../docs/images/', import.meta.url).pathname : mkdtempSync(join(tmpdir(), 'qb-shots-'));
const YEAR = String(new Date().getUTCFullYear() + 2);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A merchant's site on its own origin: serves whatever page the test sets. */
async function merchantSite(): Promise<{ server: Server; origin: string; setPage(html: string): void }> {
  let html = '<p>empty</p>';
  const server = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, setPage: (h) => (html = h) };
}

/** The copy-paste example page of docs/quickbuy.md, with this test's values. */
function widgetPage(base: string, key: string, customer: string, timestamp: number, token: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>My shop</h1><div id="quickbuy"></div><p id="result">waiting</p>
<script src="${base}/quickbuy/widget.js" data-key="${key}" data-customer="${customer}" data-timestamp="${timestamp}" data-token="${token}" data-container="quickbuy"></script>
<script>document.addEventListener('quickbuy:result', function (e) { document.getElementById('result').textContent = e.detail.status + ' ' + e.detail.orderId; });</script>
</body></html>`;
}

describe('QuickBuy in a browser', { skip: !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}` }, () => {
  let server: TestServer;
  let base: string;
  let receiver: CallbackReceiver;
  let key: QuickBuyKey;
  let shopA: Awaited<ReturnType<typeof merchantSite>>;
  let shopB: Awaited<ReturnType<typeof merchantSite>>;
  let context: BrowserContext;
  let profile: string;
  let workers: { stop(): Promise<void> } | null = null;
  const cspViolations: string[] = [];

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startTestServer({
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      QUICKBUY_CAPTURE_DELAY_SECONDS: '1',
      QUICKBUY_TRANSFER_DELAY_SECONDS: '1',
      QUICKBUY_WORKER_INTERVAL_MS: '100',
      CALLBACK_POLL_INTERVAL_MS: '50',
    });
    await server.app.listen({ port, host: '127.0.0.1' });
    server.runtime.quickbuySettlement.start(() => undefined);
    server.callbacks.start();
    workers = { stop: () => server.runtime.quickbuySettlement.stop() };
    receiver = await CallbackReceiver.start();
    shopA = await merchantSite();
    shopB = await merchantSite();
    const merchant = await server.createPrincipal();
    key = await createKey(server, merchant.username, { origins: [shopA.origin], callbackUrl: receiver.url('/quickbuy') });
    profile = mkdtempSync(join(tmpdir(), 'qb-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 520, height: 900 },
    });
    // The merchant's HTTPS thank-you page (redirectURL), answered inside the browser.
    await context.route('https://merchant.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Thanks from the merchant</h1>' }));
    context.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  after(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
    await workers?.stop();
    await receiver?.close();
    for (const shop of [shopA, shopB]) await new Promise<void>((resolve) => (shop === undefined ? resolve() : shop.server.close(() => resolve())));
    await server?.close();
  });

  const createPayment = async (body: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/quickbuy/v1/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.apiKey}` },
      body: JSON.stringify({
        client: { reference: `browser-buyer-${Date.now()}`, first: 'Joe', last: 'Buyer', email: 'joe@example.com' },
        payment: { amount: 40.95, currency: 'USD', timeoutMin: 30 },
        redirectURL: 'https://merchant.example/thanks',
        ...body,
      }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { details: { id: string; PaymentURL: string } }).details;
  };
  const fillCard = async (page: Page | ReturnType<Page['frameLocator']>, number: string) => {
    await page.locator('#HolderName').fill('Joe Buyer');
    await page.locator('#CardNumber').fill(number);
    await page.locator('#ExpiryMonth').fill('12');
    await page.locator('#ExpiryYear').fill(YEAR);
    await page.locator('#Cvc').fill('123');
  };

  test('pay with the success card: result, redirect after 5 s, CAPTURED and COMPLETED signed callbacks', async () => {
    const payment = await createPayment();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(payment.PaymentURL);
    assert.match((await page.locator('[data-amount]').textContent()) ?? '', /40\.95 USD/);
    assert.match((await page.locator('[data-crypto]').textContent()) ?? '', /USDC/);
    await fillCard(page, '4242 4242 4242 4242');
    await page.screenshot({ path: join(SHOTS, 'quickbuy-page-form.png') });
    await page.locator('button[type=submit]').click();
    await page.locator('[data-result=paid]').waitFor();
    const shownAt = Date.now();
    assert.match((await page.locator('[data-result=paid]').textContent()) ?? '', /Payment accepted.*Card ending 4242/s);
    await page.screenshot({ path: join(SHOTS, 'quickbuy-page-paid.png') });
    await page.waitForURL('https://merchant.example/thanks', { timeout: 10_000 });
    const waited = Date.now() - shownAt;
    assert.ok(waited >= 4000 && waited < 8000, `redirected after ${waited} ms`);
    assert.ok(
      requested.every((u) => u.startsWith(base) || u.startsWith('https://merchant.example/')),
      `only this server's assets: ${requested.join(' ')}`,
    );
    assert.ok(!requested.some((u) => u.includes('4242')), 'no card data in any URL');
    await receiver.waitFor(2, 15_000);
    const ours = receiver.requests.filter((r) => r.rawBody.includes(payment.id));
    assert.deepEqual(
      ours.map((r) => (JSON.parse(r.rawBody) as { status: string }).status),
      ['CAPTURED', 'COMPLETED'],
    );
    for (const r of ours) assert.equal(r.headers['quickbuy-signature'], quickbuySignature(r.rawBody, key.secret));
    const state = await fetch(`${base}/quickbuy/v1/get?OrderID=${payment.id}`, { headers: { 'x-api-key': key.apiKey } });
    assert.equal(((await state.json()) as { details: { status: string } }).details.status, 'COMPLETE');
    const logs = server.logLines.join('');
    assert.ok(!logs.includes('4242424242424242') && !logs.includes('4242 4242'), 'no card number in the logs');
    assert.deepEqual(cspViolations, []);
    await page.close();
  });

  test('a declined card shows the decline and keeps the form; an expired order cannot be paid', async () => {
    const payment = await createPayment();
    const page = await context.newPage();
    await page.goto(payment.PaymentURL);
    await fillCard(page, '4000000000000002');
    await page.locator('button[type=submit]').click();
    await page.locator('[data-error]').waitFor();
    assert.match((await page.locator('[data-error]').textContent()) ?? '', /declined/);
    assert.equal(await page.locator('form[data-pay]').count(), 1);
    await page.screenshot({ path: join(SHOTS, 'quickbuy-page-declined.png') });
    const expiring = await createPayment({ payment: { amount: 10, currency: 'USD', timeoutMin: 1 } });
    server.clock.advance(61_000);
    const response = await page.goto(expiring.PaymentURL);
    assert.equal(response?.status(), 410);
    assert.match((await page.locator('[data-result=expired]').textContent()) ?? '', /expired/);
    assert.equal(await page.locator('form').count(), 0);
    await page.screenshot({ path: join(SHOTS, 'quickbuy-page-expired.png') });
    await page.close();
  });

  test('the widget on a whitelisted merchant page pays and reports its result to the page', async () => {
    const ts = Math.floor(server.clock.nowMs() / 1000);
    shopA.setPage(widgetPage(base, key.keyId, 'shop-customer-77', ts, widgetToken(key.secret, 'shop-customer-77', ts)));
    const page = await context.newPage();
    await page.goto(`${shopA.origin}/buy`);
    const frame = page.frameLocator('iframe[data-quickbuy-frame]');
    await frame.locator('#Amount').fill('25.00');
    await fillCard(frame, '4242424242424242');
    await page.screenshot({ path: join(SHOTS, 'quickbuy-widget-form.png') });
    await frame.locator('button[type=submit]').click();
    await frame.locator('[data-result=paid]').waitFor();
    await page.waitForFunction(() => document.getElementById('result')?.textContent?.startsWith('paid '));
    const orderId = ((await page.locator('#result').textContent()) ?? '').split(' ')[1] ?? '';
    assert.match(orderId, /^[0-9a-f]{24}$/);
    await page.screenshot({ path: join(SHOTS, 'quickbuy-widget-paid.png') });
    const deadline = Date.now() + 15_000;
    while (receiver.requests.filter((r) => r.rawBody.includes(orderId)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const ours = receiver.requests.filter((r) => r.rawBody.includes(orderId));
    assert.equal(ours.length, 2, 'both callbacks of the widget payment');
    for (const r of ours) assert.equal(r.headers['quickbuy-signature'], quickbuySignature(r.rawBody, key.secret));
    assert.match(ours[0]?.rawBody ?? '', /"UserReference":"shop-customer-77"/);
    await page.close();
  });

  test('the widget is refused from another origin, with a stale token, with a forged token, and with a forged origin', async () => {
    const ts = Math.floor(server.clock.nowMs() / 1000);
    const good = widgetToken(key.secret, 'shop-customer-77', ts);
    const refusal = async (shop: typeof shopA, html: string, shot: string, expected: RegExp) => {
      shop.setPage(html);
      const page = await context.newPage();
      await page.goto(`${shop.origin}/buy`);
      const text = await page.frameLocator('iframe[data-quickbuy-frame]').locator('[data-result=refused]').textContent();
      assert.match(text ?? '', expected);
      assert.equal(await page.frameLocator('iframe[data-quickbuy-frame]').locator('form').count(), 0);
      await page.screenshot({ path: join(SHOTS, shot) });
      await page.close();
    };
    await refusal(shopB, widgetPage(base, key.keyId, 'shop-customer-77', ts, good), 'quickbuy-widget-refused-origin.png', /not allowed/);
    const stale = ts - 600;
    await refusal(
      shopA,
      widgetPage(base, key.keyId, 'shop-customer-77', stale, widgetToken(key.secret, 'shop-customer-77', stale)),
      'quickbuy-widget-refused-stale.png',
      /token is not valid/,
    );
    await refusal(
      shopA,
      widgetPage(base, key.keyId, 'shop-customer-77', ts, widgetToken('qbs_not-the-secret', 'shop-customer-77', ts)),
      'quickbuy-widget-refused-forged.png',
      /token is not valid/,
    );
    await refusal(shopA, widgetPage(base, key.keyId, 'another-customer', ts, good), 'quickbuy-widget-refused-other-customer.png', /token is not valid/);
    // A page elsewhere claiming a whitelisted origin: the Referer gives it away; without a Referer
    // the browser itself refuses to show the frame (frame-ancestors names the whitelisted origin).
    const forged = `${base}/quickbuy/widget/frame?key=${key.keyId}&customer=shop-customer-77&timestamp=${ts}&token=${good}&origin=${encodeURIComponent(shopA.origin)}`;
    await refusal(shopB, `<!doctype html><iframe data-quickbuy-frame src="${forged}"></iframe>`, 'quickbuy-widget-refused-referer.png', /not allowed/);
    shopB.setPage(`<!doctype html><iframe data-quickbuy-frame referrerpolicy="no-referrer" src="${forged}"></iframe>`);
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => blocked.push(m.text()));
    await page.goto(`${shopB.origin}/buy`);
    await page.waitForTimeout(1000);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedForm =
      frame === undefined
        ? 0
        : await frame
            .locator('form')
            .count()
            .catch(() => 0);
    assert.equal(framedForm, 0, 'the browser does not show the form in a page off the whitelist');
    assert.ok(
      blocked.some((t) => /frame-ancestors/.test(t)),
      `the browser names frame-ancestors: ${blocked.join(' | ')}`,
    );
    await page.close();
  });
});
