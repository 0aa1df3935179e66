import { countDocuments, deleteDocument, findDocument, listDocuments, storeDocument, type StoredDocument } from '../documents/index.js';
import { markVerificationSubmitted, type KycDecision, type ManageesService } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { NO_WRITE_CONTEXT, runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound, type FieldError } from '../shared/domain-error.js';
import {
  BUSINESS_DOCUMENT_TYPES,
  countryAlpha3,
  documentTypeOf,
  ENTITY_TYPES,
  MAIN_ACTIVITY_TYPES,
  MONTHLY_USD_EQUIVALENTS,
  SOURCE_FUND_TYPES,
  TRANSACTION_VOLUMES,
  US_STATES,
} from './business-parameters.js';
import { isPastDate } from './business-rules.js';
import { findBusinessInScope, verificationStateOf, type BusinessState } from './businesses-repository.js';
import type { BusinessDocument, SubmitVerificationBody, VerificationStatus } from './contract.js';
import type { BusinessSettings } from './business-service.js';

const PURPOSE = 'business';

/** A file of the upload form, as the multipart parser hands it over. */
export interface UploadedBusinessFile {
  readonly fieldName: string;
  readonly fileName: string;
  readonly declaredContentType: string;
  readonly bytes: Buffer;
}

function documentView(d: StoredDocument): BusinessDocument {
  return {
    documentId: d.documentsId,
    documentType: d.documentType ?? 'Other',
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    addDate: d.addDate,
  };
}

function missingTypes(documents: readonly StoredDocument[]): string[] {
  return BUSINESS_DOCUMENT_TYPES.filter((t) => t.bRequired && !documents.some((d) => d.documentType === t.code)).map((t) => t.code);
}

/**
 * A business's KYB: documents uploaded and deleted while it is not yet submitted, the verification
 * handed in (then the compliance decision is due), its status. The decision is the managee
 * lifecycle's (ManageesService.decideKyc: MANAGEE_KYC_UPDATED, accounts on acceptance), reached
 * from the operator CLI or the managees KYC simulation.
 */
export class KybService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly managees: ManageesService,
    private readonly settings: BusinessSettings,
  ) {}

  private async editable(principalId: number, customersId: number): Promise<BusinessState> {
    const business = await findBusinessInScope(this.database.reader, principalId, customersId);
    if (business === undefined) throw notFound('CustomersId');
    if (verificationStateOf(business) !== 'Not Submitted') throw new DomainError('Verification_State_Invalid', 'CustomersId');
    return business;
  }

  async upload(principalId: number, input: { customersId: number; documentType: string; files: readonly UploadedBusinessFile[] }, ctx: WriteContext): Promise<BusinessDocument> {
    const business = await this.editable(principalId, input.customersId);
    const documentType = documentTypeOf(input.documentType);
    if (documentType === null) throw new DomainError('Invalid', 'DocumentType');
    const files = input.files.filter((f) => f.fieldName.toLowerCase() === 'document');
    const [file] = files;
    if (file === undefined) throw new DomainError('Required', 'Document');
    if (files.length > 1 || input.files.length > files.length) throw new DomainError('Invalid', 'Document');
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const subject = { purpose: PURPOSE, subjectId: business.customers_id };
      if ((await countDocuments(tx, subject)) >= this.settings.businessDocumentsMax) throw new DomainError('Document_Limit_Reached', 'Document');
      const stored = await storeDocument(tx, now, {
        customersId: business.customers_id,
        ...subject,
        documentType,
        fileName: file.fileName,
        declaredContentType: file.declaredContentType,
        bytes: file.bytes,
        fieldName: 'Document',
      });
      return documentView(stored);
    });
  }

  async deleteDocument(principalId: number, customersId: number, documentId: number, ctx: WriteContext) {
    const business = await this.editable(principalId, customersId);
    const found = await findDocument(this.database.reader, documentId, business.customers_id);
    if (found?.purpose !== PURPOSE) throw notFound('DocumentId');
    return runWrite(this.database, ctx, async (tx) => {
      if (!(await deleteDocument(tx, documentId, business.customers_id))) throw notFound('DocumentId');
      return { documentId, bDeleted: true };
    });
  }

  private checkVerification(input: SubmitVerificationBody, today: string): FieldError[] {
    const errors: FieldError[] = [];
    const add = (fieldName: string, messageCode: FieldError['messageCode'] = 'Invalid') => errors.push({ fieldName, messageCode });
    for (const [name, value] of Object.entries({
      LegalEntityName: input.LegalEntityName,
      RegistrationNumber: input.RegistrationNumber,
      AddressLine1: input.AddressLine1,
      TownCity: input.TownCity,
      Postcode: input.Postcode,
    })) {
      if (value.trim() === '') add(name, 'Required');
    }
    if (!ENTITY_TYPES.some((t) => t.toLowerCase() === input.EntityType.trim().toLowerCase())) add('EntityType');
    if (!isPastDate(input.DateOfIncorporation, today)) add('DateOfIncorporation');
    const country = countryAlpha3(input.CountryCode);
    if (country === null) add('CountryCode', 'Invalid_CountryISOCode');
    const state = input.StateCode?.trim().toUpperCase();
    if (country === 'USA' && (state === undefined || state === '')) add('StateCode', 'Required');
    else if (country !== null && state !== undefined && state !== '' && (country !== 'USA' || !US_STATES.some((s) => s.code === state))) add('StateCode');
    if (!MAIN_ACTIVITY_TYPES.some((t) => t.id === input.MainActivityType)) add('MainActivityType', input.MainActivityType === 0 ? 'Required' : 'Invalid');
    if (input.SourceFundTypes.length === 0) add('SourceFundTypes', 'Required');
    else if (!input.SourceFundTypes.every((id) => SOURCE_FUND_TYPES.some((t) => t.id === id))) add('SourceFundTypes');
    if (!TRANSACTION_VOLUMES.some((t) => t.id === input.TransactionVolume)) add('TransactionVolume', input.TransactionVolume === 0 ? 'Required' : 'Invalid');
    if (!MONTHLY_USD_EQUIVALENTS.some((t) => t.id === input.MonthlyUsdEquivalent)) add('MonthlyUsdEquivalent', input.MonthlyUsdEquivalent === 0 ? 'Required' : 'Invalid');
    return errors;
  }

  /** Hands the KYB in: every answer checked, the required documents there; then it awaits the decision. */
  async submit(principalId: number, input: SubmitVerificationBody, ctx: WriteContext): Promise<VerificationStatus> {
    const business = await this.editable(principalId, input.CustomersId);
    const now = isoTimestamp(this.clock.nowMs());
    const errors = this.checkVerification(input, now);
    const documents = await listDocuments(this.database.reader, { purpose: PURPOSE, subjectId: business.customers_id });
    for (const code of missingTypes(documents)) errors.push({ fieldName: `Documents.${code}`, messageCode: 'Required' });
    if (errors.length > 0) throw DomainError.of(errors);
    const answers: Partial<SubmitVerificationBody> = { ...input };
    delete answers.CustomersId;
    return runWrite(this.database, ctx, async (tx) => {
      const updated = await tx
        .updateTable('businesses')
        .set({ verification_json: JSON.stringify(answers), date_submitted: now })
        .where('customers_id', '=', business.customers_id)
        .where('date_submitted', 'is', null)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n || !(await markVerificationSubmitted(tx, business.customers_id, now))) throw new DomainError('Verification_State_Invalid', 'CustomersId');
      return this.statusView({ ...business, date_submitted: now }, documents);
    });
  }

  async status(principalId: number, customersId: number): Promise<VerificationStatus> {
    const business = await findBusinessInScope(this.database.reader, principalId, customersId);
    if (business === undefined) throw notFound('CustomersId');
    return this.statusView(business, await listDocuments(this.database.reader, { purpose: PURPOSE, subjectId: business.customers_id }));
  }

  private statusView(b: BusinessState, documents: readonly StoredDocument[]): VerificationStatus {
    return {
      customersId: b.customers_id,
      verificationStatus: verificationStateOf(b),
      dateSubmitted: b.date_submitted,
      dateAccepted: b.date_accepted,
      dateRejected: b.date_rejected,
      rejectReason: b.reject_reason,
      bInviteDue: b.b_invite_due === 1,
      documents: documents.map(documentView),
      missingDocumentTypes: missingTypes(documents),
    };
  }

  /** The operator's decision (CLI): the managee lifecycle's, under the business's own manager. */
  async decide(customersId: number, decision: KycDecision) {
    const row = await this.database.reader.selectFrom('businesses').select(['manager_customers_id', 'date_submitted']).where('customers_id', '=', customersId).executeTakeFirst();
    if (row === undefined) throw notFound('CustomersId');
    if (row.date_submitted === null) throw new DomainError('Verification_State_Invalid', 'CustomersId');
    return this.managees.decideKyc(row.manager_customers_id, customersId, decision, NO_WRITE_CONTEXT);
  }
}
