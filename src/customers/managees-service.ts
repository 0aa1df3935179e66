import { randomBytes } from 'node:crypto';
import { enqueueCallback } from '../callbacks/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Tx } from '../db/transaction.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound, type FieldError } from '../shared/domain-error.js';
import { stringifyExact } from '../shared/exact-json.js';
import { numberOfPages, pageOffset, type PageRequest } from '../shared/paging.js';
import { base64Size, checkDateOfBirth, checkEmail, checkPhone, countryAlpha3 } from './managee-field-rules.js';
import type { ManageeInput } from './contract.js';
import { manageeListItemView, type ManageeRow } from './managee-views.js';

export interface ManageesSettings {
  readonly documentSizeMaxBytes: number;
  /** Base of the identity-verification link (`jumioLink`); null when there is none (production). */
  readonly verificationLinkBase: string | null;
  /**
   * Opens the accounts an accepted managee gets (the accounts module's rule: one per asset the
   * manager holds), inside the decision's transaction; returns their ids.
   */
  readonly openAccountsOnAcceptance: (tx: Tx, managerId: number, manageesId: number, dateAdded: string) => Promise<number[]>;
}

export type KycDecision = { status: 'Accepted' } | { status: 'Rejected'; reason: string | null };

/** Managed customers: onboarding, the KYC lifecycle, and listing, always under their manager. */
export class ManageesService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: ManageesSettings,
  ) {}

  async create(principalId: number, input: ManageeInput, ctx: WriteContext) {
    const nowIso = isoTimestamp(this.clock.nowMs());
    const { nationality, country, documentSize } = this.validate(input, nowIso);
    const token = randomBytes(16).toString('hex');
    const name = input.fullName ?? `${input.firstGivenName} ${input.lastSurname}`;
    const base = this.settings.verificationLinkBase;
    return runWrite(this.database, ctx, async (tx) => {
      const customer = await tx
        .insertInto('customers')
        .values({ kind: 'managee', manager_customers_id: principalId, name, kyc_status: 'Pending', date_added: nowIso })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('managees')
        .values({
          customers_id: customer.id,
          manager_customers_id: principalId,
          first_name: input.firstGivenName,
          last_name: input.lastSurname,
          email_address: input.emailAddress,
          phone_number: input.phoneNumber,
          date_of_birth: input.dateOfBirth,
          nationality_iso: nationality,
          address_country_iso: country,
          managees_reference: input.manageesReference ?? null,
          profile_json: stringifyExact({
            ...input.profile,
            addressLine1: input.addressLine1,
            townCity: input.townCity,
            postcode: input.postcode,
            StateProvince: input.StateProvince ?? null,
            taxNumber: input.taxNumber ?? null,
            occupation: input.occupation ?? null,
          }),
          verification_token: token,
        })
        .execute();
      if (input.proofOfAddressFile !== undefined && documentSize !== null) {
        await tx
          .insertInto('customer_documents')
          .values({
            customers_id: customer.id,
            document_type: input.ProofOfAddressType ?? 'ProofOfAddress',
            content_base64: input.proofOfAddressFile,
            size_bytes: documentSize,
            date_added: nowIso,
          })
          .execute();
      }
      return { manageesId: customer.id, customersReference: `CST${customer.id}`, jumioLink: base === null ? null : `${base}/sandbox/identity-verification/${token}` };
    });
  }

  private validate(input: ManageeInput, nowIso: string) {
    const errors: FieldError[] = [];
    const add = (e: FieldError | null) => e !== null && errors.push(e);
    for (const [fieldName, value] of Object.entries({
      firstGivenName: input.firstGivenName,
      lastSurname: input.lastSurname,
      addressLine1: input.addressLine1,
      townCity: input.townCity,
      postcode: input.postcode,
    })) {
      if (value.trim() === '') errors.push({ fieldName, messageCode: 'Required' });
    }
    add(checkEmail(input.emailAddress, 'emailAddress'));
    add(checkPhone(input.phoneNumber, 'phoneNumber'));
    add(checkDateOfBirth(input.dateOfBirth, nowIso, 'dateOfBirth'));
    const nationality = countryAlpha3(input.nationalityISO);
    if (nationality === null) errors.push({ fieldName: 'nationalityISO', messageCode: 'Invalid' });
    const country = countryAlpha3(input.AddressCountryISO);
    if (country === null) errors.push({ fieldName: 'AddressCountryISO', messageCode: 'Invalid' });
    if (input.bAccurateInfo === false) errors.push({ fieldName: 'bAccurateInfo', messageCode: 'Invalid' });
    if (input.bNotCriminal === false) errors.push({ fieldName: 'bNotCriminal', messageCode: 'Invalid' });
    let documentSize: number | null = null;
    if (input.proofOfAddressFile !== undefined) {
      documentSize = base64Size(input.proofOfAddressFile);
      if (documentSize === null) errors.push({ fieldName: 'proofOfAddressFile', messageCode: 'Invalid' });
      else if (documentSize === 0 || documentSize > this.settings.documentSizeMaxBytes) errors.push({ fieldName: 'proofOfAddressFile', messageCode: 'Invalid_Length' });
    }
    if (errors.length > 0 || nationality === null || country === null) throw DomainError.of(errors);
    return { nationality, country, documentSize };
  }

  async list(principalId: number, page: PageRequest) {
    const db = this.database.reader;
    const base = db.selectFrom('managees as m').innerJoin('customers as c', 'c.id', 'm.customers_id').where('m.manager_customers_id', '=', principalId);
    const [rows, count] = await Promise.all([
      base.selectAll('m').select(['c.name', 'c.kyc_status', 'c.date_added']).orderBy('m.customers_id').limit(page.pageSize).offset(pageOffset(page)).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => manageeListItemView(r, r)),
      pageNumber: page.pageNumber,
      pageSize: page.pageSize,
      numberOfPages: numberOfPages(Number(count.n), page.pageSize),
    };
  }

  private async findManagee(principalId: number, manageesId: number): Promise<ManageeRow & { kyc_status: string }> {
    const row = await this.database.reader
      .selectFrom('managees as m')
      .innerJoin('customers as c', 'c.id', 'm.customers_id')
      .selectAll('m')
      .select('c.kyc_status')
      .where('m.customers_id', '=', manageesId)
      .where('m.manager_customers_id', '=', principalId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('ManageesId');
    return row;
  }

  /** The identity check (Jumio, at Ibanera) finished: the managee now awaits a compliance decision. */
  async identityCheckCompleted(principalId: number, manageesId: number, ctx: WriteContext): Promise<{ manageesId: number; dateJumioCompleted: string }> {
    const managee = await this.findManagee(principalId, manageesId);
    if (managee.date_jumio_completed !== null || managee.kyc_status !== 'Pending') throw new DomainError('Verification_State_Invalid', 'ManageesId');
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const updated = await tx
        .updateTable('managees')
        .set({ date_jumio_completed: now })
        .where('customers_id', '=', manageesId)
        .where('date_jumio_completed', 'is', null)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) throw new DomainError('Verification_State_Invalid', 'ManageesId');
      await enqueueCallback(tx, {
        customersId: manageesId,
        type: 'MANAGEE_JUMIO_COMPLETED',
        data: { ManageesId: manageesId, ManageeCustomerUsersId: manageesId, DateJumioCompleted: now },
        dateCreated: now,
      });
      return { manageesId, dateJumioCompleted: now };
    });
  }

  /**
   * Compliance's decision, once, after the identity check. Acceptance opens an account for each
   * asset the manager holds (Ibanera: "a managed customer will have an account created for each
   * account held by the manager"). Rejection is final.
   */
  async decideKyc(principalId: number, manageesId: number, decision: KycDecision, ctx: WriteContext, options: { identityCheckRequired?: boolean } = {}) {
    const managee = await this.findManagee(principalId, manageesId);
    const identityChecked = managee.date_jumio_completed !== null || options.identityCheckRequired === false;
    if (!identityChecked || managee.kyc_status !== 'Pending') throw new DomainError('Verification_State_Invalid', 'ManageesId');
    const now = isoTimestamp(this.clock.nowMs());
    const accepted = decision.status === 'Accepted';
    const reason = decision.status === 'Rejected' ? decision.reason : null;
    return runWrite(this.database, ctx, async (tx) => {
      const updated = await tx.updateTable('customers').set({ kyc_status: decision.status }).where('id', '=', manageesId).where('kyc_status', '=', 'Pending').executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) throw new DomainError('Verification_State_Invalid', 'ManageesId');
      await tx
        .updateTable('managees')
        .set(accepted ? { date_accepted: now } : { date_rejected: now, reject_reason: reason })
        .where('customers_id', '=', manageesId)
        .execute();
      const opened = accepted ? await this.settings.openAccountsOnAcceptance(tx, principalId, manageesId, now) : [];
      await enqueueCallback(tx, {
        customersId: manageesId,
        type: 'MANAGEE_KYC_UPDATED',
        data: { ManageesId: manageesId, VerificationStatus: decision.status, AcceptDate: accepted ? now : null, RejectDate: accepted ? null : now, RejectReason: reason },
        dateCreated: now,
      });
      return { manageesId, verificationStatus: decision.status, accountsIds: opened };
    });
  }

  /** Every managee (the operator's view), newest first, optionally of one KYC status. */
  async listForOperator(status: string | undefined, limit: number) {
    let query = this.database.reader
      .selectFrom('managees as m')
      .innerJoin('customers as c', 'c.id', 'm.customers_id')
      .selectAll('m')
      .select(['c.name', 'c.kyc_status', 'c.date_added']);
    if (status !== undefined) query = query.where('c.kyc_status', '=', status);
    const rows = await query.orderBy('m.customers_id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...manageeListItemView(r, r), managerCustomersId: Number(r.manager_customers_id) }));
  }

  /** One managee with its profile and decision dates (the operator's view; no document content). */
  async showForOperator(manageesId: number) {
    const row = await this.database.reader
      .selectFrom('managees as m')
      .innerJoin('customers as c', 'c.id', 'm.customers_id')
      .selectAll('m')
      .select(['c.name', 'c.kyc_status', 'c.date_added'])
      .where('m.customers_id', '=', manageesId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('ManageesId');
    const documents = await this.database.reader
      .selectFrom('customer_documents')
      .select(['id', 'document_type', 'size_bytes', 'date_added'])
      .where('customers_id', '=', manageesId)
      .execute();
    return {
      ...manageeListItemView(row, row),
      managerCustomersId: Number(row.manager_customers_id),
      phoneNumber: row.phone_number,
      dateOfBirth: row.date_of_birth,
      nationalityIso: row.nationality_iso,
      addressCountryIso: row.address_country_iso,
      dateJumioCompleted: row.date_jumio_completed,
      dateAccepted: row.date_accepted,
      dateRejected: row.date_rejected,
      rejectReason: row.reject_reason,
      documents: documents.map((d) => ({ id: Number(d.id), documentType: d.document_type, sizeBytes: Number(d.size_bytes), dateAdded: d.date_added })),
    };
  }

  /**
   * The operator's (compliance's) decision in production, where no identity-check simulation
   * exists: the same move and callbacks as the sandbox's, from `Pending`, under the managee's manager.
   */
  async decideKycAsOperator(manageesId: number, decision: KycDecision, ctx: WriteContext) {
    const row = await this.database.reader.selectFrom('managees').select('manager_customers_id').where('customers_id', '=', manageesId).executeTakeFirst();
    if (row === undefined) throw notFound('ManageesId');
    return this.decideKyc(Number(row.manager_customers_id), manageesId, decision, ctx, { identityCheckRequired: false });
  }

  /** The sandbox verification page's managee, by its link token (no authentication: the token is the secret). */
  async findByVerificationToken(token: string): Promise<{ manageesId: number; verificationStatus: string; bJumioCompleted: boolean } | null> {
    const row = await this.database.reader
      .selectFrom('managees as m')
      .innerJoin('customers as c', 'c.id', 'm.customers_id')
      .select(['m.customers_id', 'c.kyc_status', 'm.date_jumio_completed'])
      .where('m.verification_token', '=', token)
      .executeTakeFirst();
    return row === undefined ? null : { manageesId: row.customers_id, verificationStatus: row.kyc_status, bJumioCompleted: row.date_jumio_completed !== null };
  }
}
