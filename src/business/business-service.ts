import { findAsset, loadAssets } from '../accounts/index.js';
import { checkEmail, insertManagee, MANAGEE_KIND_BUSINESS } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound, type FieldError } from '../shared/domain-error.js';
import {
  BUSINESS_DOCUMENT_TYPES,
  countryAlpha3,
  countryList3166,
  ENTITY_TYPES,
  MAIN_ACTIVITY_TYPES,
  MONTHLY_USD_EQUIVALENTS,
  REQUESTED_PRODUCTS,
  SOURCE_FUND_TYPES,
  TRANSACTION_VOLUMES,
  US_STATES,
} from './business-parameters.js';
import { e164, isUniqueViolation, requestedProducts } from './business-rules.js';
import { businessCount, findBusinessInScope, usernameTaken } from './businesses-repository.js';
import type { CreateBusinessBody, CreatedBusiness } from './contract.js';

export interface BusinessSettings {
  readonly businessesPerPrincipalMax: number;
  readonly businessDocumentsMax: number;
}

interface CheckedBusiness {
  readonly firstName: string;
  readonly lastName: string;
  readonly emailKey: string;
  readonly phone: string;
  readonly currency: string;
  readonly country: string;
  readonly products: string[];
}

/**
 * Business onboarding: the code lists, and creating a business as a managee of the principal (a
 * business customer, Pending) with its business details. Its KYB lifecycle is in kyb-service.ts.
 */
export class BusinessService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: BusinessSettings,
  ) {}

  async creationParameters() {
    const assets = await loadAssets(this.database.reader);
    const currencies = [...assets.values()].filter((a) => a.asset_class === 'Currency' && a.b_enabled === 1).map((a) => a.code);
    return { countries: [...countryList3166()], currencies, requestedProducts: [...REQUESTED_PRODUCTS] };
  }

  async verificationParameters(principalId: number, customersId: number) {
    if ((await findBusinessInScope(this.database.reader, principalId, customersId)) === undefined) throw notFound('CustomersId');
    return {
      countries: [...countryList3166()],
      states: US_STATES,
      mainActivityTypes: MAIN_ACTIVITY_TYPES,
      sourceFundTypes: [...SOURCE_FUND_TYPES],
      transactionVolumes: TRANSACTION_VOLUMES,
      monthlyUsdEquivalents: MONTHLY_USD_EQUIVALENTS,
      entityTypes: [...ENTITY_TYPES],
      documentTypes: [...BUSINESS_DOCUMENT_TYPES],
    };
  }

  private async check(input: CreateBusinessBody): Promise<CheckedBusiness> {
    const p = input.PersonalDetails;
    const errors: FieldError[] = [];
    const add = (fieldName: string, messageCode: FieldError['messageCode']) => errors.push({ fieldName, messageCode });
    const firstName = p.FirstName.trim();
    const lastName = p.LastName.trim();
    if (firstName === '') add('PersonalDetails.FirstName', 'Required');
    if (lastName === '') add('PersonalDetails.LastName', 'Required');
    const email = p.EmailAddress.trim();
    const emailError = checkEmail(email, 'PersonalDetails.EmailAddress');
    if (emailError !== null) errors.push(emailError);
    const phone = e164(p.PhoneNumber);
    if (phone === null) add('PersonalDetails.PhoneNumber', 'Invalid_PhoneNumber');
    const asset = await findAsset(this.database.reader, p.CurrencyCode);
    const currency = asset?.asset_class === 'Currency' && asset.b_enabled === 1 ? asset.code : null;
    if (currency === null) add('PersonalDetails.CurrencyCode', 'Invalid_CurrencyCode');
    const country = countryAlpha3(input.RegisteredCountryCode);
    if (country === null) add('RegisteredCountryCode', 'Invalid_CountryISOCode');
    const products = requestedProducts(input.RequestedProducts, 'RequestedProducts');
    if (!products.ok) errors.push(products.error);
    if (errors.length > 0 || phone === null || currency === null || country === null || !products.ok) throw DomainError.of(errors);
    return { firstName, lastName, emailKey: email.toLowerCase(), phone, currency, country, products: products.products };
  }

  async create(principalId: number, input: CreateBusinessBody, ctx: WriteContext): Promise<CreatedBusiness> {
    const c = await this.check(input);
    const db = this.database.reader;
    if (await usernameTaken(db, c.emailKey)) throw new DomainError('Username_Not_Available', 'PersonalDetails.EmailAddress');
    const now = isoTimestamp(this.clock.nowMs());
    const p = input.PersonalDetails;
    const inviteDue = input.SendInvite === true;
    try {
      return await runWrite(this.database, ctx, async (tx) => {
        if ((await businessCount(tx, principalId)) >= this.settings.businessesPerPrincipalMax) throw new DomainError('Forbidden');
        const customersId = await insertManagee(tx, {
          managerCustomersId: principalId,
          name: input.CompanyName?.trim() || `${c.firstName} ${c.lastName}`,
          firstName: c.firstName,
          lastName: c.lastName,
          emailAddress: p.EmailAddress.trim(),
          phoneNumber: c.phone,
          dateOfBirth: '',
          nationalityIso: c.country,
          addressCountryIso: c.country,
          reference: p.Reference?.trim() || null,
          profile: { customerType: MANAGEE_KIND_BUSINESS, middleNames: p.MiddleNames ?? null, companyName: input.CompanyName ?? null },
          dateAdded: now,
        });
        await tx
          .insertInto('businesses')
          .values({
            customers_id: customersId,
            manager_customers_id: principalId,
            email_key: c.emailKey,
            currency_code: c.currency,
            registered_country_iso: c.country,
            b_conducts_third_party_payments: input.bConductsThirdPartyPayments === true ? 1 : 0,
            requested_products_json: JSON.stringify(c.products),
            b_invite_due: inviteDue ? 1 : 0,
            verification_json: null,
            date_submitted: null,
            date_added: now,
          })
          .execute();
        return { id: customersId, customersReference: `CST${customersId}`, verificationStatus: 'Not Submitted', bInviteDue: inviteDue };
      });
    } catch (error) {
      // A concurrent create took the e-mail between the check and the insert (PostgreSQL).
      if (isUniqueViolation(error)) throw new DomainError('Username_Not_Available', 'PersonalDetails.EmailAddress');
      throw error;
    }
  }
}
