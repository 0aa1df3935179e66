import { html } from '../html.js';
import { valueText } from '../html.js';
import { LIST_PAGE_SIZE } from './lists.js';
import { csrfField, notice, type Content, type View } from './view.js';

/** The information requests of the principal and its managees, newest first (the API's list). */
export async function rfisPage(view: View, pageNumber: number): Promise<Content> {
  const list = await view.deps.rfis.list(view.principalId, undefined, { pageNumber, pageSize: LIST_PAGE_SIZE });
  const rows = list.items.map(
    (r) =>
      html`<tr>
        <td><a href="/portal/rfis/${r.id}">#${r.id}</a></td>
        <td data-field="status">${r.status}</td>
        <td>${r.name}</td>
        <td>${r.orderType}</td>
        <td>${r.addDate}</td>
        <td data-field="expiry">${r.expiryDate}</td>
      </tr>`,
  );
  const pager =
    list.numberOfPages > 1
      ? html`<p>
          Page ${list.pageNumber} of ${list.numberOfPages} ${pageNumber > 1 ? html` · <a href="/portal/rfis?page=${pageNumber - 1}">Newer</a>` : ''}
          ${pageNumber < list.numberOfPages ? html` · <a href="/portal/rfis?page=${pageNumber + 1}">Older</a>` : ''}
        </p>`
      : '';
  const body = html`<div class="scroll">
      <table>
        <caption>
          Information requests (compliance asks about a held transaction or exchange)
        </caption>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Customer</th>
            <th scope="col">Direction</th>
            <th scope="col">Opened</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="6">No information requests.</td>
                </tr>`
              : rows
          }
        </tbody>
      </table>
    </div>
    ${pager}`;
  return { title: 'Information requests', section: 'rfis', body };
}

/** One request: what it is about, its questions and answers, its documents; the answer form while it waits for the customer. */
export async function rfiPage(view: View, id: number, message?: string): Promise<Content> {
  const d = await view.deps.rfis.details({ principalId: view.principalId }, id);
  const facts: [string, unknown][] = [
    ['Status', d.status],
    ['Customer', `${d.name} (#${d.customersId})`],
    ['Direction', d.orderType],
    ['Opened', d.addDate],
    ['Expires', d.expiryDate],
    ['About', d.description],
    ['Amount', d.amount === null ? null : `${valueText(d.amount)} ${d.asset ?? ''}`.trim()],
    ['Note from compliance', d.note],
    ['Submitted', d.dateSubmitted],
    ['Decided', d.dateDecided],
  ];
  const waiting = d.status === 'More Information Required';
  const questions = d.questions.map(
    (q) =>
      html`<tr>
        <td>${q.question}</td>
        <td>${q.answerType}${q.bRequired ? ' (required)' : ''}</td>
        <td data-field="answer-${q.id}">${q.answer ?? '—'}</td>
      </tr>`,
  );
  const documents = d.documents.map(
    (doc) =>
      html`<tr>
        <td>${doc.fileName}</td>
        <td>${doc.contentType}</td>
        <td>${doc.sizeBytes}</td>
        <td><code>${doc.sha256}</code></td>
        <td>${doc.addDate}</td>
      </tr>`,
  );
  const textQuestions = d.questions.filter((q) => q.answerType === 'Text');
  const answerForm = waiting
    ? html`<h2>Answer</h2>
        <form method="post" action="/portal/rfis/${d.id}/answer" enctype="multipart/form-data" class="stack">
          ${csrfField(view)}
          ${textQuestions.map(
            (q) =>
              html`<label for="a-${q.id}">${q.question}</label>
                <textarea id="a-${q.id}" name="Answer_${q.id}" rows="3" ${q.bRequired ? html`required` : ''}>${q.answer ?? ''}</textarea>`,
          )}
          <label for="a-docs">Documents (PDF, PNG or JPEG)</label>
          <input id="a-docs" type="file" name="Documents" accept="application/pdf,image/png,image/jpeg" multiple />
          <button type="submit">Send the answer</button>
        </form>`
    : html`<p>This request is not waiting for an answer from you.</p>`;
  const body = html`${message === undefined ? '' : notice(message)}
    <dl class="fields">
      ${facts.map(
        ([label, value]) =>
          html`<dt>${label}</dt>
            <dd>${valueText(value)}</dd>`,
      )}
      ${
        d.transactionsId === null
          ? ''
          : html`<dt>Transaction</dt>
              <dd><a href="/portal/transactions/${d.transactionsId}">#${d.transactionsId}</a></dd>`
      }
      ${
        d.exchangeId === null
          ? ''
          : html`<dt>Exchange</dt>
              <dd><a href="/portal/exchanges/${d.exchangeId}">#${d.exchangeId}</a></dd>`
      }
    </dl>
    <div class="scroll">
      <table>
        <caption>
          Questions
        </caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Kind</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          ${questions}
        </tbody>
      </table>
    </div>
    <div class="scroll">
      <table>
        <caption>
          Documents
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Type</th>
            <th scope="col">Bytes</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          ${
            documents.length === 0
              ? html`<tr>
                  <td colspan="5">None yet.</td>
                </tr>`
              : documents
          }
        </tbody>
      </table>
    </div>
    ${answerForm}
    <p><a href="/portal/rfis">All information requests</a></p>`;
  return { title: `Information request #${d.id}`, section: 'rfis', body };
}
