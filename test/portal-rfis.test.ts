// The portal's information request pages over HTTP: the list (status, expiry), one request's
// details, and its answer sent from the page as multipart/form-data (a text answer and a PDF)
// through the rfis module's own submission service; checked through the API afterwards. A POST
// without the session's CSRF token does nothing; another principal's request is the 404 page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Api } from './helpers/accounts-helpers.js';
import { hiddenValue, portalClient, type PortalClient } from './helpers/portal-helpers.js';
import { BOUNDARY, multipart, operator, pdfBytes, rfiDetails, rfiFor, type RfiDetails } from './helpers/rfis-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { achOk } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

describe('portal information requests', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let client: PortalClient;
  let bobClient: PortalClient;
  let rfi: RfiDetails;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '10000.00' } }, other: {} });
    ({ server, api: alice } = world);
    bob = world.other.api;
    await operator(server, 'screening', 'rules', 'add', '--amount-at-least', '1500', '--asset', 'USD');
    const held = await achOk(alice, world.accounts.usd, '2000.00');
    assert.equal(held.transactionStatus, 'PendingReview');
    rfi = await rfiFor(alice, held.transactionsId);
    client = await portalClient(server, world.principal);
    bobClient = await portalClient(server, bob.principal);
  });
  after(async () => {
    await server?.close();
  });

  /** Posts the answer form as a browser does: multipart, the session's cookie, its CSRF token (unless told otherwise). */
  async function answer(who: PortalClient, id: number, fields: Record<string, string>, files: Parameters<typeof multipart>[1], csrf: string | null) {
    return server.app.inject({
      method: 'POST',
      url: `/portal/rfis/${id}/answer`,
      headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart({ ...(csrf === null ? {} : { _csrf: csrf }), ...fields }, files),
    });
  }
  const textQuestion = () => {
    const q = rfi.questions.find((x) => x.answerType === 'Text');
    assert.ok(q !== undefined);
    return q;
  };

  test('the list shows the request with its status and expiry; the menu links to it', async () => {
    const page = await client.get('/portal/rfis');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, new RegExp(`href="/portal/rfis/${rfi.id}"`));
    assert.match(page.body, /data-field="status">More Information Required/);
    assert.ok(page.body.includes(`data-field="expiry">${rfi.expiryDate}`));
    assert.match(page.body, /href="\/portal\/rfis"/);
  });

  test('the details page shows the questions and the answer form (multipart, with the CSRF token)', async () => {
    const page = await client.get(`/portal/rfis/${rfi.id}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes(textQuestion().question.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')));
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, new RegExp(`name="Answer_${textQuestion().id}"`));
    assert.match(page.body, new RegExp(`href="/portal/transactions/${rfi.transactionsId}"`));
  });

  test('another principal sees the 404 page for the request, and its answer does nothing', async () => {
    const page = await bobClient.get(`/portal/rfis/${rfi.id}`);
    assert.equal(page.statusCode, 404);
    const unknown = await client.get('/portal/rfis/999999');
    assert.equal(unknown.statusCode, 404);
    assert.match(page.body, /There is nothing here, or nothing you may see/);
    assert.match(unknown.body, /There is nothing here, or nothing you may see/);
    const posted = await answer(
      bobClient,
      rfi.id,
      { [`Answer_${textQuestion().id}`]: 'not mine' },
      [{ fileName: 'x.pdf', contentType: 'application/pdf', bytes: pdfBytes() }],
      await bobClient.csrf(),
    );
    assert.equal(posted.statusCode, 404);
    const details = await rfiDetails(alice, rfi.id);
    assert.equal(details.status, 'More Information Required');
    assert.equal(details.documents.length, 0);
  });

  test('an answer without the CSRF token is refused and writes nothing', async () => {
    const posted = await answer(client, rfi.id, { [`Answer_${textQuestion().id}`]: 'forged' }, [{ fileName: 'x.pdf', contentType: 'application/pdf', bytes: pdfBytes() }], null);
    assert.equal(posted.statusCode, 403);
    const other = await answer(client, rfi.id, { [`Answer_${textQuestion().id}`]: 'forged' }, [], 'not-the-token');
    assert.equal(other.statusCode, 403);
    const details = await rfiDetails(alice, rfi.id);
    assert.equal(details.status, 'More Information Required');
    assert.equal(details.questions.find((q) => q.id === textQuestion().id)?.answer, null);
    assert.equal(details.documents.length, 0);
  });

  test('a document that is not what its name says is refused with the API rule, nothing written', async () => {
    const posted = await answer(
      client,
      rfi.id,
      { [`Answer_${textQuestion().id}`]: 'an answer' },
      [{ fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: Buffer.from('not a pdf at all') }],
      await client.csrf(),
    );
    assert.equal(posted.statusCode, 400, posted.body);
    assert.match(posted.body, /Nothing was done/);
    assert.equal((await rfiDetails(alice, rfi.id)).documents.length, 0);
  });

  test('answering from the page: a text answer and a PDF; the API shows it under review with the document', async () => {
    const page = await client.get(`/portal/rfis/${rfi.id}`);
    const csrf = hiddenValue(page.body, '_csrf');
    const pdf = pdfBytes('portal invoice');
    const posted = await answer(
      client,
      rfi.id,
      { [`Answer_${textQuestion().id}`]: 'Paying our supplier <Acme & Co>.' },
      [
        { fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: pdf },
        // What a browser sends for an empty file input: no document.
        { fileName: '', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) },
      ],
      csrf,
    );
    assert.equal(posted.statusCode, 200, posted.body);
    assert.match(posted.body, /Answer sent: the request is now Under Review/);
    assert.match(posted.body, /Paying our supplier &lt;Acme &amp; Co&gt;\./);
    const details = await rfiDetails(alice, rfi.id);
    assert.equal(details.status, 'Under Review');
    assert.equal(details.questions.find((q) => q.id === textQuestion().id)?.answer, 'Paying our supplier <Acme & Co>.');
    assert.deepEqual(
      details.documents.map((d) => [d.fileName, d.contentType, d.sizeBytes]),
      [['invoice.pdf', 'application/pdf', pdf.length]],
    );
    const again = await client.get(`/portal/rfis/${rfi.id}`);
    assert.match(again.body, /not waiting for an answer from you/);
    const list = await client.get('/portal/rfis');
    assert.match(list.body, /data-field="status">Under Review/);
  });
});
