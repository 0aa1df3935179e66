import type { Generated } from 'kysely';

/**
 * Table types. Booleans are stored as integers (0/1) and timestamps as ISO 8601 UTC text on both
 * databases, so that both return the same values; money columns are NUMERIC on PostgreSQL and TEXT
 * on SQLite and always travel as decimal strings.
 */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface CustomersTable {
  id: Generated<number>;
  kind: 'principal' | 'managee';
  manager_customers_id: number | null;
  name: string;
  /** KYC state: `Accepted` for principals; managees move through their own lifecycle. */
  kyc_status: string;
  date_added: string;
}

export interface PrincipalsTable {
  customers_id: number;
  /** Lower-cased: usernames are matched case-insensitively. */
  username: string;
  password_hash: string;
  totp_secret: string;
  b_verified: number;
  b_suppressed: number;
  failed_attempts: number;
  locked_until: string | null;
  /** The highest TOTP step used to log in; a code at or below it cannot log in again. */
  last_login_otp_step: number;
  date_added: string;
  /** Where callbacks go (null: none are sent) and the secret that signs them. */
  callback_url: string | null;
  callback_hash_secret: string | null;
}

export interface AssetsTable {
  code: string;
  asset_class: 'Currency' | 'Cryptocurrency';
  display_name: string;
  precision: number;
  /** `bitcoin` or `ethereum` for crypto assets (ERC-20 tokens live on ethereum); null for fiat. */
  chain: string | null;
  b_enabled: Generated<number>;
}

export interface AccountsTable {
  id: Generated<number>;
  customers_id: number;
  name: string;
  asset: string;
  routing_number: string | null;
  account_number: string | null;
  swift_code: string | null;
  b_suppressed: number;
  /** How many transactions the account has: a list's numberOfPages without counting rows. */
  transaction_count: Generated<number>;
  date_added: string;
}

export interface TransactionsTable {
  id: Generated<number>;
  accounts_id: number;
  customers_id: number;
  asset: string;
  /** Signed: negative for money leaving the account. */
  amount: string;
  description: string;
  transaction_type: string;
  status: 'Pending' | 'Completed' | 'Failed' | 'Cancelled';
  rail: string;
  /** The system account on the other side of this transaction's journal legs. */
  system_account: string;
  direction: 'Inbound' | 'Outbound';
  from_transactions_id: number | null;
  from_accounts_id: number | null;
  to_transactions_id: number | null;
  to_accounts_id: number | null;
  rollback_transaction_id: number | null;
  original_transaction_id: number | null;
  fee_transaction_id: number | null;
  /** Rail-specific details (sender, addresses, IMAD…) as JSON text. */
  details_json: string;
  date_time: string;
  date_completed: string | null;
  /** The journal whose leg on this row's account is this row's money (its hold's, when pending). */
  journals_id: number;
  /** The hold that reserves this row's amount while it is pending; null for rows posted at once. */
  holds_id: number | null;
  /** The row's position on its account, 1 for the oldest, in `date_time, id` order (accounts/transaction-positions.ts). */
  account_seq: number;
  /** The principal of the row's customer (itself, or its manager): lists across accounts walk it in order. */
  principal_customers_id: number;
}

/** The ledger's tables: journals, their legs, the customer accounts' balances and rules, holds. */
export interface LedgerJournalsTable {
  id: Generated<number>;
  kind: string;
  date_time: string;
}

export interface LedgerLegsTable {
  id: Generated<number>;
  journals_id: number;
  accounts_id: number | null;
  system_account: string | null;
  asset: string;
  bucket: 'posted' | 'pending_in' | 'pending_out';
  amount: string;
}

export interface LedgerBalancesTable {
  /** The asset account's id: the ledger knows accounts by id and amounts only. */
  accounts_id: number;
  asset: string;
  b_debits_must_not_exceed_credits: number;
  /** Stored balances (decimal strings), kept equal to the sums of the account's legs. */
  posted: string;
  pending_in: string;
  pending_out: string;
}

export interface LedgerHoldsTable {
  id: Generated<number>;
  /** The journal that placed the hold. */
  journals_id: number;
  accounts_id: number;
  system_account: string;
  asset: string;
  /** Signed from the account's side: negative reserves funds, positive is pending inbound. */
  amount: string;
  captured_amount: string;
  status: 'pending' | 'captured' | 'voided' | 'expired';
  deadline: string | null;
  date_placed: string;
  date_ended: string | null;
  ended_journals_id: number | null;
}

export interface IdempotencyKeysTable {
  customers_id: number;
  idempotency_key: string;
  request_hash: string;
  /** The use case's result as exact JSON (0007-idempotency-expiry filled it for older records). */
  result: string;
  date_added: string;
}

export interface ScreeningBlocklistTable {
  address: string;
  asset: string;
  date_added: string;
}

export interface CallbacksTable {
  /** The GUID sent as `Id`; the same on every retry. */
  id: string;
  principal_customers_id: number;
  type: string;
  /** The exact compact JSON body, fixed when the change committed. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** A worker holds the row until then; a crashed worker's claim simply expires. */
  claimed_until: string | null;
  date_created: string;
  date_delivered: string | null;
  last_error: string | null;
  /** Set for callbacks with their own target (QuickBuy): the URL, the signature header, the secret's source and reference. */
  target_url: string | null;
  signature_header: string | null;
  secret_source: string | null;
  secret_ref: string | null;
}

export interface CallbackAttemptsTable {
  id: Generated<number>;
  callbacks_id: string;
  attempted_at: string;
  url: string;
  http_status: number | null;
  latency_ms: number;
  error: string | null;
}

export interface ManageesTable {
  customers_id: number;
  manager_customers_id: number;
  first_name: string;
  last_name: string;
  email_address: string;
  phone_number: string;
  date_of_birth: string;
  nationality_iso: string;
  address_country_iso: string;
  managees_reference: string | null;
  /** The rest of the onboarding answers (address, employment, expected activity, declarations) as JSON. */
  profile_json: string;
  /** Random token of the identity-verification link. */
  verification_token: string;
  date_jumio_completed: string | null;
  date_accepted: string | null;
  date_rejected: string | null;
  reject_reason: string | null;
}

export interface CustomerDocumentsTable {
  id: Generated<number>;
  customers_id: number;
  document_type: string;
  content_base64: string;
  size_bytes: number;
  date_added: string;
}

export interface PayeesTable {
  id: Generated<number>;
  customers_id: number;
  customer_asset_accounts_id: number | null;
  payee_type: 'Personal' | 'Company';
  transfer_type: 'ACH' | 'WIRE' | 'SWIFT';
  name: string;
  account_name: string | null;
  account_number: string | null;
  routing_number: string | null;
  swift_code: string | null;
  intermediary_bic: string | null;
  iban: string | null;
  country_code: string;
  address_line1: string | null;
  town_city: string | null;
  postcode: string | null;
  state: string | null;
  /** Deleted payees stay (transactions refer to them) but are hidden. */
  b_deleted: number;
  date_added: string;
  /** 1: the bank account is linked (Plaid at Ibanera; `bVerified: true` in sandbox): ACH pulls may draw on it. */
  b_verified: Generated<number>;
}

/** Saved crypto wallets (withdrawal destinations) of a customer; owned by the wallets module. */
export interface CryptoWalletsTable {
  id: Generated<number>;
  customers_id: number;
  asset: string;
  name: string;
  /** The name lower-cased and trimmed: one customer's wallet names are unique in any case. */
  name_key: string;
  address: string;
  date_added: string;
}

/** Visa Direct card payees; owned by transfers. The card number is sealed by the vault, never stored in clear. */
export interface CardPayeesTable {
  id: Generated<number>;
  customers_id: number;
  name: string;
  card_sealed: string;
  last_four: string;
  expiry_month: number;
  expiry_year: number;
  country_code: string;
  b_deleted: number;
  date_added: string;
}

/** A business onboarded through the API (its customer and managee rows are customers'); owned by business. */
export interface BusinessesTable {
  customers_id: number;
  manager_customers_id: number;
  /** Lower-cased main account holder's e-mail: unique, it is the business user's username. */
  email_key: string;
  currency_code: string;
  registered_country_iso: string;
  b_conducts_third_party_payments: number;
  requested_products_json: string;
  /** SendInvite: an invitation e-mail is due (this server sends no mail; it only records it). */
  b_invite_due: number;
  /** The submitted KYB answers as JSON; null until submitverification. */
  verification_json: string | null;
  date_submitted: string | null;
  date_added: string;
}

export interface TransferFeesTable {
  rail: string;
  /** An asset code, or `*` for every asset without its own row. */
  asset: string;
  fixed_fee: string;
}

export interface CancellationRequestsTable {
  id: Generated<number>;
  transactions_id: number;
  customers_id: number;
  date_added: string;
}

/** The Cards module's tables (src/cards/). */
export interface CardsTable {
  id: Generated<number>;
  customers_id: number;
  card_reference_id: string | null;
  card_program_id: number;
  card_type: 'Physical' | 'Virtual';
  currency: string;
  status: 'Deactivated' | 'Active' | 'Suspended' | 'Closed';
  /** Managee cards wait for approval (MANAGEE_CARD_APPROVAL_UPDATED); a principal's own are approved at once. */
  approval_status: 'Pending' | 'Approved' | 'Rejected';
  shipping_method: string | null;
  /** The shipping address as JSON text, null for a virtual card. */
  shipping_json: string | null;
  /** The review details and the older body's compliance codes as given, JSON text. */
  review_json: string;
  card_holder_name: string;
  last_four: string;
  /** Sealed by the vault (AES-256-GCM under CARD_DATA_KEY): never stored in clear. */
  number_sealed: string;
  cvc_sealed: string;
  expiry_sealed: string;
  /** scrypt hash of the PIN (salted), null until one is set. */
  pin_hash: string | null;
  pin_failures: number;
  b_pin_locked: number;
  /** The customer's USD account (the DDA) the card was issued against. */
  funding_accounts_id: number | null;
  b_with_dda: number;
  date_added: string;
  date_activated: string | null;
}

export interface CardTransactionsTable {
  id: Generated<number>;
  cards_id: number;
  customers_id: number;
  /** Signed: negative for money leaving the card. */
  amount: string;
  currency: string;
  description: string;
  kind: string;
  status: 'Pending' | 'Settled' | 'Reversed' | 'Expired';
  b_pending: number;
  journals_id: number;
  holds_id: number | null;
  refund_transactions_id: number | null;
  original_transactions_id: number | null;
  date_time: string;
  date_settled: string | null;
}

export interface CardAuthorizationsTable {
  id: Generated<number>;
  cards_id: number;
  card_transactions_id: number;
  holds_id: number;
  /** Positive: what the merchant asked to reserve. */
  amount: string;
  captured_amount: string;
  refunded_amount: string;
  merchant_name: string;
  merchant_category_code: string | null;
  status: 'Pending' | 'Captured' | 'Reversed' | 'Expired';
  expires_at: string;
  date_added: string;
  date_ended: string | null;
}

/** Who read a card's sensitive details and when (never the values). */
export interface CardSensitiveReadsTable {
  id: Generated<number>;
  cards_id: number;
  principal_customers_id: number;
  date_time: string;
}

/** The portal's server-side sessions (src/portal/): the cookie carries a token, this row its hash. */
export interface PortalSessionsTable {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  id: string;
  customers_id: number;
  csrf_token: string;
  date_created: string;
  last_seen_at: string;
  /** The TOTP step last used in this session (sign-in or step-up): a code is good for one action. */
  last_otp_step: number;
}

/** Trading pairs (markets module): crypto pairs for exchanges, fiat pairs for FX. */
export interface MarketPairsTable {
  /** `BASE/QUOTE`, e.g. `BTC/USD`. */
  asset_pair: string;
  base_asset: string;
  quote_asset: string;
  kind: 'crypto' | 'fx';
  /** Percent of the quote-asset value, e.g. `0.5`. */
  commission_fee_percentage: string;
  min_trade_amount: string;
  max_trade_amount: string;
  min_trade_price: string;
  max_trade_price: string;
  max_decimal_precision: number;
  b_enabled: number;
  date_updated: string;
}

/** The operator's price of each pair: one base unit in the quote asset. */
export interface MarketPricesTable {
  asset_pair: string;
  price: string;
  date_updated: string;
}

/** Quotes of crypto exchanges and FX: binding for FX and for a waiting sell, used at most once. */
export interface TradeQuotesTable {
  id: Generated<number>;
  kind: 'crypto' | 'fx';
  principal_customers_id: number;
  customers_id: number;
  asset_pair: string;
  exchange_type: 'Buy' | 'Sell';
  source_asset: string;
  destination_asset: string;
  source_amount: string;
  destination_amount: string;
  base_amount: string;
  quote_amount: string;
  price: string;
  commission_fee: string;
  commission_asset: string;
  source_accounts_id: number | null;
  destination_accounts_id: number | null;
  exchanges_id: number | null;
  status: 'open' | 'used';
  expires_at: string;
  date_added: string;
}

/** Crypto exchanges (buys and sells) and their state. */
export interface ExchangesTable {
  id: Generated<number>;
  customers_id: number;
  principal_customers_id: number;
  exchange_type: 'Buy' | 'Sell';
  status: string;
  asset_pair: string;
  base_asset: string;
  quote_asset: string;
  quantity_type: 'Amount' | 'Price';
  request_amount: string;
  request_price: string;
  executed_amount: string | null;
  executed_price: string | null;
  commission_fee: string;
  unit_price: string;
  source_accounts_id: number;
  destination_accounts_id: number | null;
  from_transactions_id: number | null;
  to_transactions_id: number | null;
  fee_transactions_id: number | null;
  payout_transactions_id: number | null;
  holds_id: number | null;
  quotes_id: number | null;
  payees_id: number | null;
  transfer_type: string | null;
  b_has_open_rfi: number;
  date_added: string;
  date_updated: string;
}

/** Executed foreign exchanges (the FX quote they executed and the transactions they made). */
export interface FxExchangesTable {
  id: Generated<number>;
  quotes_id: number;
  customers_id: number;
  principal_customers_id: number;
  source_asset: string;
  destination_asset: string;
  source_amount: string;
  destination_amount: string;
  rate: string;
  fee: string;
  source_accounts_id: number;
  destination_accounts_id: number;
  from_transactions_id: number;
  to_transactions_id: number;
  fee_transactions_id: number | null;
  date_added: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  customers_id: number;
  purpose: string;
  subject_id: string;
  document_type: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  date_added: string;
}

/** QuickBuy merchants' API keys: the key's SHA-256 (the key itself is shown once), the signing secret sealed by the card vault. */
export interface QuickbuyApiKeysTable {
  id: string;
  principal_customers_id: number;
  key_hash: string;
  secret_sealed: string;
  allowed_origins_json: string;
  callback_url: string | null;
  date_created: string;
  date_revoked: string | null;
}

/** QuickBuy orders of every kind (Pro, widget, Quick Buy API); ids are 24 hex digits. */
export interface QuickbuyOrdersTable {
  id: string;
  principal_customers_id: number;
  api_keys_id: string | null;
  source: 'pro' | 'widget' | 'api';
  customers_id: number;
  client_reference: string;
  client_json: string;
  fiat_amount: string;
  fiat_currency: string;
  asset_pair: string;
  crypto_asset: string;
  crypto_amount: string | null;
  commission: string | null;
  price: string | null;
  redirect_url: string | null;
  frame_origin: string | null;
  state: 'NOT_STARTED' | 'PENDING' | 'CAPTURED' | 'COMPLETE' | 'DELETED';
  card_last4: string | null;
  cards_id: number | null;
  card_attempts: number;
  last_decline: string | null;
  charge_transactions_id: number | null;
  delivery_transactions_id: number | null;
  tx_hash: string | null;
  date_created: string;
  date_expires: string;
  date_paid: string | null;
  date_captured: string | null;
  date_transferred: string | null;
  date_deleted: string | null;
  /** When the worker takes the next step (capture, then delivery). */
  next_step_at: string | null;
}

/** QuickBuy customers' onboarding data (their `customers` row is a managee of the principal). */
export interface QuickbuyCustomersTable {
  customers_id: number;
  principal_customers_id: number;
  first_name: string;
  last_name: string;
  email_address: string;
  phone_number: string | null;
  country_iso: string | null;
  reference: string | null;
  date_added: string;
}

/** Saved cards: the number sealed by the card vault, only the last four in clear; never a CVC. */
export interface QuickbuyCardsTable {
  id: Generated<number>;
  customers_id: number;
  pan_sealed: string;
  last4: string;
  brand: string;
  expiry_month: number;
  expiry_year: number;
  holder_name: string;
  b_deleted: number;
  date_added: string;
}

/** One-use tokens of the payment page's forms (SHA-256 of the token). */
export interface QuickbuyFormTokensTable {
  token_hash: string;
  orders_id: string | null;
  api_keys_id: string | null;
  customer_reference: string | null;
  frame_origin: string | null;
  date_issued: string;
  date_used: string | null;
}

export interface Database {
  settings: SettingsTable;
  customers: CustomersTable;
  principals: PrincipalsTable;
  assets: AssetsTable;
  accounts: AccountsTable;
  transactions: TransactionsTable;
  ledger_journals: LedgerJournalsTable;
  ledger_legs: LedgerLegsTable;
  ledger_balances: LedgerBalancesTable;
  ledger_holds: LedgerHoldsTable;
  idempotency_keys: IdempotencyKeysTable;
  screening_blocklist: ScreeningBlocklistTable;
  callbacks: CallbacksTable;
  callback_attempts: CallbackAttemptsTable;
  managees: ManageesTable;
  customer_documents: CustomerDocumentsTable;
  payees: PayeesTable;
  transfer_fees: TransferFeesTable;
  cancellation_requests: CancellationRequestsTable;
  crypto_wallets: CryptoWalletsTable;
  card_payees: CardPayeesTable;
  businesses: BusinessesTable;
  cards: CardsTable;
  card_transactions: CardTransactionsTable;
  card_authorizations: CardAuthorizationsTable;
  card_sensitive_reads: CardSensitiveReadsTable;
  portal_sessions: PortalSessionsTable;
  market_pairs: MarketPairsTable;
  market_prices: MarketPricesTable;
  trade_quotes: TradeQuotesTable;
  exchanges: ExchangesTable;
  fx_exchanges: FxExchangesTable;
  documents: DocumentsTable;
  screening_rules: ScreeningRulesTable;
  screening_flags: ScreeningFlagsTable;
  information_requests: InformationRequestsTable;
  information_request_questions: InformationRequestQuestionsTable;
  quickbuy_api_keys: QuickbuyApiKeysTable;
  quickbuy_orders: QuickbuyOrdersTable;
  quickbuy_customers: QuickbuyCustomersTable;
  quickbuy_cards: QuickbuyCardsTable;
  quickbuy_form_tokens: QuickbuyFormTokensTable;
}

/** Flagging rules the operator configures (accounts): an amount threshold, a watch-list entry, a daily count. */
export interface ScreeningRulesTable {
  id: Generated<number>;
  kind: 'amount' | 'watchlist' | 'daily_count';
  /** An asset code, or `*` (watch list and daily count rules may apply to every asset). */
  asset: string;
  /** Which transactions the rule screens: money arriving (`in`), leaving (`out`), or both (`any`). */
  direction: 'any' | 'in' | 'out';
  /** amount: flagged at or above this (money column). */
  threshold: string | null;
  /** watchlist: what the value is compared with. */
  counterparty_type: 'address' | 'account_number' | 'name' | null;
  /** watchlist: the value in its canonical form. */
  value: string | null;
  /** daily_count: at most this many screened transactions per customer per UTC day pass unflagged. */
  count_max: number | null;
  date_added: string;
}

/** An item screening flagged and held for compliance review (accounts owns the record; the item's owner its state). */
export interface ScreeningFlagsTable {
  id: Generated<number>;
  /** `transaction` (accounts) or another module's kind (`exchange`), each with its registered handler. */
  item_kind: string;
  item_id: number;
  customers_id: number;
  /** JSON array of the reasons (which rules matched). */
  reasons: string;
  status: 'PendingReview' | 'Released' | 'Rejected';
  date_flagged: string;
  date_decided: string | null;
}

/** Information requests (RFIs) sent to a customer about a flagged item (rfis). */
export interface InformationRequestsTable {
  id: Generated<number>;
  customers_id: number;
  item_kind: string | null;
  item_id: number | null;
  /** The screening flag it decides, when the item is held (null: informational). */
  screening_flags_id: number | null;
  status: 'More Information Required' | 'Under Review' | 'Accepted' | 'Rejected' | 'Expired';
  order_type: string;
  name: string;
  /** The operator's latest note to the customer. */
  note: string | null;
  add_date: string;
  expiry_date: string;
  date_submitted: string | null;
  date_decided: string | null;
}

export interface InformationRequestQuestionsTable {
  id: Generated<number>;
  information_requests_id: number;
  question: string;
  answer_type: 'Text' | 'Document';
  b_required: number;
  /** The latest text answer (Text questions). */
  answer: string | null;
  date_added: string;
}
