/** The create-managee body as bound from the request (v2–v5 accept the same). */
export interface ManageeInput {
  readonly firstGivenName: string;
  readonly lastSurname: string;
  readonly fullName?: string;
  readonly emailAddress: string;
  readonly phoneNumber: string;
  readonly dateOfBirth: string;
  readonly nationalityISO: string;
  readonly AddressCountryISO: string;
  readonly addressLine1: string;
  readonly townCity: string;
  readonly postcode: string;
  readonly StateProvince?: string;
  readonly manageesReference?: string;
  readonly taxNumber?: string;
  readonly occupation?: string;
  readonly fiatCurrencyCode?: string;
  readonly proofOfAddressFile?: string;
  readonly ProofOfAddressType?: string;
  readonly bNotCriminal?: boolean;
  readonly bAccurateInfo?: boolean;
  /** Every other answer (employment, expected activity, source of funds…), kept as given. */
  readonly profile: Readonly<Record<string, unknown>>;
}
