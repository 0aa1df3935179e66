// The portal in a real headless Chromium (Debian's, driven by playwright-core) against a real
// listening server and database: sign in with a real TOTP, see the balances, an internal transfer
// with step-up seen in the list and its detail, a sandbox pay-in moving the chart, a callback
// replayed (a new attempt at a real local receiver), CSRF, escaping, another principal's URL,
// session expiry (back to sign-in, then to the page asked for) and sign-out.
// PORTAL_SCREENSHOTS=1 writes the main pages' screenshots to docs/images/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { driveUntil } from './helpers/callbacks-helpers.js';
import { createManagee } from './helpers/managees-helpers.js';
import { manageeBody } from './helpers/managees-helpers.js';
import { launchChromium } from './helpers/portal-helpers.js';
import { createWorld } from './helpers/world.js';

const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS === '1';
const XSS = '<img src=x onerror=alert(1)>';

describe('the portal in headless Chromium', () => {
  let world: Awaited<ReturnType<typeof setUp>>;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let base: string;
  const dialogs: string[] = [];
  const setUp = () =>
    createWorld({
      accounts: { main: { asset: 'USD', name: 'Operating', payIn: '1000.00' }, savings: { asset: 'USD', name: 'Savings' } },
      other: { accounts: { theirs: { asset: 'USD', payIn: '3.00' } } },
      callbackPath: '/hooks',
    });

  before(async () => {
    world = await setUp();
    await createManagee(world.api, manageeBody({ firstGivenName: XSS, fullName: XSS }));
    base = await world.server.app.listen({ port: 0, host: '127.0.0.1' });
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  after(async () => {
    await chromium?.close();
    await world?.receiver?.close();
    await world?.server.close();
  });

  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: `docs/images/portal-${name}.png`, fullPage: true });
  };
  const signIn = async () => {
    world.server.clock.advance(30_000);
    await page.getByLabel('Username').fill(world.principal.username);
    await page.getByLabel('Password').fill(world.principal.password);
    await page.getByLabel('Authenticator code').fill(world.server.otp(world.principal));
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  test('sign in with a real TOTP, land on the page asked for, see the balances and the chart', async () => {
    await page.goto(`${base}/portal/accounts/${world.accounts.main}`);
    assert.match(page.url(), /\/portal\/sign-in\?next=/);
    await shot('sign-in');
    await signIn();
    assert.equal(new URL(page.url()).pathname, `/portal/accounts/${world.accounts.main}`);
    assert.equal(await page.locator('[data-balance="available"]').textContent(), '1000.00');
    await page.goto(`${base}/portal`);
    const card = page.locator('section.card', { hasText: 'Operating' });
    assert.equal(await card.locator('[data-balance="total"]').textContent(), '1000.00');
    await card.locator('.uplot').waitFor();
    await shot('overview');
    // On a phone the page fits its width (menu above, cards stacked, wide tables scroll inside).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no horizontal scrolling on a phone');
    await shot('overview-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('an internal transfer with step-up shows in the list and in its detail', async () => {
    await page.goto(`${base}/portal/move`);
    const form = page.locator('form', { has: page.locator('input[value="internal"]') });
    await form.getByLabel('From').selectOption(String(world.accounts.main));
    await form.getByLabel('To').selectOption(String(world.accounts.savings));
    await form.getByLabel('Amount').fill('12.34');
    await form.getByLabel('Reference (optional)').fill('rent share');
    await form.getByRole('button', { name: 'Review' }).click();
    assert.equal(await page.locator('[data-field="fee"]').textContent(), '0 USD');
    await shot('move-review');
    world.server.clock.advance(30_000);
    await page.getByLabel('Authenticator code').fill(world.server.otp(world.principal));
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.match(page.url(), /\/portal\/transactions\/\d+\?created=1$/);
    assert.equal(await page.locator('dd[data-field="amount"]').first().textContent(), '-12.34');
    assert.equal(await page.locator('dd[data-field="transactionType"]').textContent(), 'InternalTransfer');
    assert.ok((await page.locator('table', { hasText: 'journal legs behind' }).locator('tbody tr').count()) >= 2);
    await shot('transaction');
    await page.goto(`${base}/portal/accounts/${world.accounts.main}`);
    await page.getByRole('cell', { name: 'rent share' }).waitFor();
    assert.equal(await page.locator('[data-balance="available"]').textContent(), '987.66');
    await shot('account');
  });

  test('a sandbox pay-in moves the balance and the chart', async () => {
    const chartData = () => page.locator('section.card', { hasText: 'Operating' }).locator('script.chart-data').textContent();
    await page.goto(`${base}/portal`);
    const before = JSON.parse((await chartData()) ?? '{}') as { v: string[] };
    await page.goto(`${base}/portal/sandbox`);
    const form = page.locator('form[action="/portal/sandbox/pay-in"]');
    await form.getByLabel('To account').selectOption(String(world.accounts.main));
    await form.getByLabel('Amount').fill('0.01');
    await form.getByRole('button', { name: 'Simulate pay-in' }).click();
    await page.getByText(/Pay-in recorded as transaction #\d+/).waitFor();
    await shot('sandbox');
    await page.goto(`${base}/portal`);
    const after = JSON.parse((await chartData()) ?? '{}') as { v: string[] };
    assert.equal(after.v.length, before.v.length + 1);
    assert.equal(after.v[after.v.length - 1], '987.67');
    assert.equal(await page.locator('section.card', { hasText: 'Operating' }).locator('[data-balance="total"]').textContent(), '987.67');
  });

  test('a callback replayed gets a new attempt at the receiver', async () => {
    const worker = world.server.callbacks;
    await driveUntil(worker, () => (world.receiver?.requests.length ?? 0) >= 1);
    await page.goto(`${base}/portal/developers`);
    const delivery = page.locator('details.delivery').first();
    await delivery.locator('summary').click();
    assert.equal(await delivery.locator('[data-field="status"]').textContent(), 'delivered');
    const attempts = Number(await delivery.locator('[data-field="attempts"]').textContent());
    const id = await delivery.getAttribute('data-callback');
    await shot('developers');
    const received = world.receiver?.requests.length ?? 0;
    await delivery.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Queued again').waitFor();
    await driveUntil(worker, () => (world.receiver?.requests.length ?? 0) > received);
    await page.reload();
    assert.equal(Number(await page.locator(`details[data-callback="${id}"] [data-field="attempts"]`).textContent()), attempts + 1);
  });

  test('a form without its CSRF token is refused (403), nothing written', async () => {
    await page.goto(`${base}/portal/sandbox`);
    const form = page.locator('form[action="/portal/sandbox/pay-in"]');
    await form.locator('input[name="_csrf"]').evaluate((input) => input.remove());
    await form.getByLabel('To account').selectOption(String(world.accounts.main));
    await form.getByLabel('Amount').fill('5.00');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/portal/sandbox/pay-in')), form.getByRole('button', { name: 'Simulate pay-in' }).click()]);
    assert.equal(response.status(), 403);
    await page.getByText('CSRF protection').waitFor();
    await page.goto(`${base}/portal`);
    assert.equal(await page.locator('section.card', { hasText: 'Operating' }).locator('[data-balance="total"]').textContent(), '987.67');
  });

  test("a managee named like markup shows as text; another principal's account is 404", async () => {
    await page.goto(`${base}/portal/managees`);
    await page.getByRole('heading', { name: XSS }).waitFor();
    assert.equal(await page.locator('main img').count(), 0);
    assert.deepEqual(dialogs, []);
    const response = await page.goto(`${base}/portal/accounts/${world.other.accounts.theirs}`);
    assert.equal(response?.status(), 404);
    await page.getByText('There is nothing here, or nothing you may see.').waitFor();
  });

  test('buy BTC from the page: the quote first, then the buy with a fresh code; the API shows it completed', async () => {
    await page.goto(`${base}/portal/exchanges`);
    const form = page.locator('form[action="/portal/exchanges/quote"]');
    await form.getByLabel('Buy or sell').selectOption('Buy');
    await form.getByLabel('Pair').selectOption('BTC/USD');
    await form.getByLabel('Quantity is').selectOption('Amount');
    await form.getByLabel('Amount', { exact: true }).fill('0.001');
    await form.getByRole('button', { name: 'Get a quote' }).click();
    // 0.001 × 64000 = 64.00; commission 0.5 % = 0.32 (the API's exact literals).
    assert.equal(await page.locator('dd[data-field="total"]').textContent(), '64.00');
    assert.equal(await page.locator('dd[data-field="fee"]').textContent(), '0.32');
    world.server.clock.advance(30_000);
    await page.getByLabel('Authenticator code').fill(world.server.otp(world.principal));
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    const id = Number(/\/portal\/exchanges\/(\d+)\?created=1$/.exec(page.url())?.[1]);
    assert.ok(id > 0, page.url());
    assert.equal(await page.locator('dd[data-field="status"]').textContent(), 'Completed');
    assert.equal(await page.locator('dd[data-field="executedPrice"]').textContent(), '64.00');
    const api = JSON.parse((await world.api.get(`/api/v1/customer/crypto-exchanges/get?Id=${id}`)).body) as { details: { status: string; exchangeType: string } };
    assert.deepEqual([api.details.status, api.details.exchangeType], ['Completed', 'Buy']);
    await page.goto(`${base}/portal/exchanges`);
    await page.getByRole('link', { name: `#${id}` }).waitFor();
  });

  test('an expired session goes back to sign-in, then to the page asked for; sign-out ends it', async () => {
    world.server.clock.advance(31 * 60_000);
    await page.goto(`${base}/portal/payees`);
    await page.getByText('Your session has ended').waitFor();
    await signIn();
    assert.equal(new URL(page.url()).pathname, '/portal/payees');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(`${base}/portal`);
    assert.match(page.url(), /\/portal\/sign-in/);
  });
});
