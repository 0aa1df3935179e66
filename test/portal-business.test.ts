// The portal's business page over HTTP (read-only): the principal's businesses with their KYB
// status as the business module's verificationstatus gives it; a managee that is a person is not
// listed; another principal sees none of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertOk, type Api } from './helpers/accounts-helpers.js';
import { createManagee, manageeBody } from './helpers/managees-helpers.js';
import { portalClient, type PortalClient } from './helpers/portal-helpers.js';
import { SURFACE_PATHS as P } from './helpers/surface-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

describe('portal business page', () => {
  let server: TestServer;
  let alice: Api;
  let client: PortalClient;
  let bobClient: PortalClient;
  let businessId: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD' } }, other: {} });
    ({ server, api: alice } = world);
    const created = assertOk(
      await alice.post(P.businessCreate, {
        PersonalDetails: {
          FirstName: 'Grace',
          LastName: 'Hopper',
          Reference: 'BIZ-portal',
          CurrencyCode: 'USD',
          EmailAddress: 'owner.portal@business.example',
          PhoneNumber: '+1 (202) 555-0142',
        },
        CompanyName: 'Compilers <Portal> LLC',
        RegisteredCountryCode: 'USA',
        bConductsThirdPartyPayments: false,
        RequestedProducts: ['FiatAccounts'],
        SendInvite: false,
      }),
    );
    businessId = created.id as number;
    await createManagee(alice, manageeBody({ FirstName: 'Personal', LastName: 'Managee' }));
    client = await portalClient(server, world.principal);
    bobClient = await portalClient(server, world.other.principal);
  });
  after(async () => {
    await server?.close();
  });

  test('lists the business with the KYB status and missing documents the API reports; not the person managee', async () => {
    const page = await client.get('/portal/business');
    assert.equal(page.statusCode, 200, page.body);
    const status = assertOk(await alice.get(`${P.businessStatus}?CustomersId=${businessId}`)).details as { verificationStatus: string; missingDocumentTypes: string[] };
    assert.equal(status.verificationStatus, 'Not Submitted');
    assert.match(page.body, new RegExp(`<td>#${businessId}</td>`));
    assert.match(page.body, /Compilers &lt;Portal&gt; LLC/);
    assert.match(page.body, /data-field="kyb">Not Submitted</);
    assert.ok(page.body.includes(`data-field="missing">${status.missingDocumentTypes.join(', ')}<`));
    assert.doesNotMatch(page.body, /Personal Managee/);
    assert.equal((page.body.match(/data-field="kyb"/g) ?? []).length, 1);
    assert.match(page.body, /href="\/portal\/business"/);
  });

  test('another principal sees no business of this one', async () => {
    const page = await bobClient.get('/portal/business');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No businesses/);
    assert.doesNotMatch(page.body, /Compilers/);
  });
});
