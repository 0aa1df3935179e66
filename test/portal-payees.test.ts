// The portal's payee editing and the move-money form's redraw after a refused review, over HTTP.
// Payee editing goes through the API's payees/edit: the form filled with the
// payee's values, a change saved and seen through the API; a refused change redraws the form with
// what was typed and changes nothing; CSRF refusal; another principal's payee is the 404 page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertOk, type Api } from './helpers/accounts-helpers.js';
import { portalClient, type PortalClient } from './helpers/portal-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { domesticPayee } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

describe('portal payee editing and the move form after a refusal', () => {
  let server: TestServer;
  let alice: Api;
  let client: PortalClient;
  let bobClient: PortalClient;
  let payeeId: number;
  let usd: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD' } }, other: {} });
    ({ server, api: alice } = world);
    usd = world.accounts.usd;
    payeeId = assertOk(await alice.post('/api/v1/customer/payees/create', { CustomersId: alice.principal.customersId, TransferType: 'ACH', ...domesticPayee() })).id as number;
    client = await portalClient(server, world.principal);
    bobClient = await portalClient(server, world.other.principal);
  });
  after(async () => {
    await server?.close();
  });

  const payee = async () => {
    const list = assertOk(await alice.get('/api/v1/customer/payees/list')).details as { id: number; name: string; accountNumber: string | null }[];
    const found = list.find((p) => p.id === payeeId);
    assert.ok(found !== undefined);
    return found;
  };
  const fields = (overrides: Record<string, string> = {}) => ({
    TransferType: 'ACH',
    ...(Object.fromEntries(Object.entries(domesticPayee()).map(([k, v]) => [k, String(v)])) as Record<string, string>),
    ...overrides,
  });

  test('the edit form shows the payee values; a change is saved through payees/edit', async () => {
    const payees = await client.get('/portal/payees');
    assert.match(payees.body, new RegExp(`href="/portal/payees/${payeeId}/edit"`));
    const form = await client.get(`/portal/payees/${payeeId}/edit`);
    assert.equal(form.statusCode, 200, form.body);
    assert.match(form.body, /name="Name" maxlength="140" value="Joe Receiver"/);
    assert.match(form.body, /name="AccountNumber" maxlength="34" value="123456789"/);
    const saved = await client.post(`/portal/payees/${payeeId}/edit`, fields({ Name: 'Joe Renamed', AccountNumber: '987654321' }));
    assert.equal(saved.statusCode, 200, saved.body);
    assert.match(saved.body, new RegExp(`Payee #${payeeId} saved`));
    const p = await payee();
    assert.deepEqual([p.name, p.accountNumber], ['Joe Renamed', '987654321']);
  });

  test('a refused change redraws the form with the typed values and changes nothing', async () => {
    const refused = await client.post(`/portal/payees/${payeeId}/edit`, fields({ Name: 'Typed <Name>', RoutingNumber: '12' }));
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.body, /Nothing was done/);
    assert.match(refused.body, /name="Name" maxlength="140" value="Typed &lt;Name&gt;"/);
    assert.match(refused.body, /name="RoutingNumber" maxlength="9" value="12"/);
    assert.equal((await payee()).name, 'Joe Renamed');
  });

  test('without the CSRF token nothing changes', async () => {
    const posted = await client.post(`/portal/payees/${payeeId}/edit`, fields({ Name: 'Forged' }), { csrf: null });
    assert.equal(posted.statusCode, 403);
    assert.equal((await payee()).name, 'Joe Renamed');
  });

  test("another principal's payee is the 404 page and its edit does nothing", async () => {
    const form = await bobClient.get(`/portal/payees/${payeeId}/edit`);
    assert.equal(form.statusCode, 404);
    const posted = await bobClient.post(`/portal/payees/${payeeId}/edit`, fields({ Name: 'Not mine' }));
    assert.equal(posted.statusCode, 404);
    assert.equal((await payee()).name, 'Joe Renamed');
  });

  test('a refused review draws the move form again with what was typed, in the form it was typed into', async () => {
    const refused = await client.post('/portal/move/review', {
      kind: 'internal',
      SourceAccountId: String(usd),
      DestinationAccountId: String(usd),
      Amount: '1.234',
      Reference: 'typed <ref>',
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.body, /Nothing was done/);
    assert.match(refused.body, /id="i-amount" name="Amount" value="1\.234"/);
    assert.match(refused.body, /id="i-ref" name="Reference" value="typed &lt;ref&gt;"/);
    assert.match(refused.body, new RegExp(`<select id="i-src" name="SourceAccountId" required>\\s*<option value="${usd}"\\s+selected`));
    // The other forms stay empty.
    assert.match(refused.body, /id="e-amount" name="Amount" value=""/);
    assert.match(refused.body, /id="e-ref" name="Reference" value=""/);
    const fresh = await client.get('/portal/move');
    assert.match(fresh.body, /id="i-amount" name="Amount" value=""/);
  });
});
