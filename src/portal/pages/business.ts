import { DomainError } from '../../shared/domain-error.js';
import { html } from '../html.js';
import type { Content, View } from './view.js';

/** The principal's businesses (managees with a KYB file) and their KYB status, as the API's verificationstatus gives it (read-only). */
export async function businessPage(view: View): Promise<Content> {
  const managees = await view.deps.managees.list(view.principalId, { pageNumber: 1, pageSize: view.config.pageSizeMax });
  const rows = [];
  for (const m of managees.items) {
    const status = await view.deps.kyb.status(view.principalId, m.id).catch((error: unknown) => {
      // A managee that is a person, not a business, has no KYB file.
      if (error instanceof DomainError && error.messageCode === 'Not_Found') return undefined;
      throw error;
    });
    if (status === undefined) continue;
    rows.push(
      html`<tr>
        <td>#${m.id}</td>
        <td>${m.name}</td>
        <td data-field="kyb">${status.verificationStatus}</td>
        <td>${status.dateSubmitted ?? '—'}</td>
        <td>${status.dateAccepted ?? status.dateRejected ?? '—'}</td>
        <td>${status.rejectReason ?? '—'}</td>
        <td>${status.documents.length}</td>
        <td data-field="missing">${status.missingDocumentTypes.length === 0 ? '—' : status.missingDocumentTypes.join(', ')}</td>
      </tr>`,
    );
  }
  const body = html`<div class="scroll">
      <table>
        <caption>
          Businesses and their KYB (business verification)
        </caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Name</th>
            <th scope="col">KYB</th>
            <th scope="col">Submitted</th>
            <th scope="col">Decided</th>
            <th scope="col">Reason</th>
            <th scope="col">Documents</th>
            <th scope="col">Documents still needed</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="8">No businesses.</td>
                </tr>`
              : rows
          }
        </tbody>
      </table>
    </div>
    <p>Businesses are created, documented and submitted through the API (business onboarding); their accounts are listed under Managees once accepted.</p>`;
  return { title: 'Business', section: 'business', body };
}
