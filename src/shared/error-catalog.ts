/**
 * The one catalog of error codes. Every error the API returns uses a `messageCode` from here;
 * the HTTP status and `errorType` follow from the code, so the edge never guesses.
 * `docs/error-codes.md` is generated from this table and a test keeps the two in step.
 */
export type ErrorType =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'Conflict'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalServerError'
  | 'ServiceUnavailable';

export interface MessageCodeInfo {
  readonly errorType: ErrorType;
  readonly httpStatus: number;
  /** `ibanera` when the code appears in Ibanera's documentation, `ours` when we added it. */
  readonly origin: 'ibanera' | 'ours';
  readonly description: string;
}

function code(errorType: ErrorType, httpStatus: number, origin: 'ibanera' | 'ours', description: string) {
  return { errorType, httpStatus, origin, description } as const satisfies MessageCodeInfo;
}

export const MESSAGE_CODES = {
  Required: code('BadRequest', 400, 'ibanera', 'The named field is missing, empty or zero.'),
  Invalid: code('BadRequest', 400, 'ibanera', 'The value of the named field is not valid (type, format, range or precision).'),
  Invalid_Length: code('BadRequest', 400, 'ibanera', 'The value of the named field is too long or too short.'),
  Account_Limit_Reached: code('BadRequest', 400, 'ibanera', 'The customer already holds the maximum number of accounts.'),
  Documents_Not_Verified: code('BadRequest', 400, 'ibanera', 'Not allowed for this customer in its current KYC state.'),
  Transaction_Blocked: code('BadRequest', 400, 'ibanera', 'Screening blocked the transaction (fieldName `Screening`).'),
  Insufficient_Funds: code('BadRequest', 400, 'ibanera', 'The available balance does not cover the amount (fees included).'),
  Invalid_Source_Account: code('BadRequest', 400, 'ibanera', 'Internal transfer: the source account is unknown, outside your reach or suppressed.'),
  Invalid_Destination_Account: code(
    'BadRequest',
    400,
    'ibanera',
    'Internal transfer: the destination account is unknown, outside your reach, suppressed or the source account itself.',
  ),
  Invalid_Asset: code('BadRequest', 400, 'ibanera', 'Internal transfer: the two accounts hold different assets, or the asset class does not fit the path (fiat or crypto).'),
  User_Not_Found: code('BadRequest', 400, 'ibanera', 'Internal transfer: the customer owning the named account can no longer hold money (its KYC was rejected).'),
  Transaction_Not_Pending: code('BadRequest', 400, 'ours', 'The transaction has already ended (completed, failed or cancelled).'),
  Verification_State_Invalid: code('BadRequest', 400, 'ours', 'The managee is not in a state that allows this step (identity check first; a KYC decision is final).'),
  Transaction_Not_Cancellable: code('BadRequest', 400, 'ours', 'Only a pending outbound bank transfer can be cancelled, and only once.'),
  Transaction_Not_Reversible: code('BadRequest', 400, 'ours', 'Only a completed inbound bank deposit not yet returned can be reversed.'),
  Price_Unavailable: code('BadRequest', 400, 'ours', 'The pair has no price, or its price is older than PRICE_STALE_AFTER_SECONDS: it does not trade now.'),
  Quote_Expired: code('BadRequest', 400, 'ours', 'The quote has expired or was already used; ask for a new one.'),
  Trade_Amount_Out_Of_Range: code('BadRequest', 400, 'ours', "The trade's base-asset amount is below the pair's MinTradeAmount or above its MaxTradeAmount."),
  Trade_Price_Out_Of_Range: code('BadRequest', 400, 'ours', "The trade's quote-asset value is below the pair's MinTradePrice or above its MaxTradePrice."),
  Exchange_Not_Waiting: code('BadRequest', 400, 'ours', 'The exchange is not in the state this step needs (e.g. confirming or cancelling a sell that is no longer waiting).'),
  Transaction_Under_Review: code(
    'BadRequest',
    400,
    'ours',
    'The transaction is held for compliance review; only the review decides it (accept or reject the information request).',
  ),
  Review_Not_Pending: code('BadRequest', 400, 'ours', 'The held item or information request has already been decided (accepted, rejected or expired).'),
  Information_Request_Not_Waiting: code(
    'BadRequest',
    400,
    'ours',
    'The information request is not waiting for information from the customer (status is not More Information Required).',
  ),
  Information_Request_Expired: code('BadRequest', 400, 'ours', 'The information request is past its expiryDate; it is rejected as expired.'),
  Too_Many_Documents: code('BadRequest', 400, 'ours', 'More documents than an information request may hold (RFI_DOCUMENTS_MAX).'),
  Wallet_Name_Taken: code('BadRequest', 400, 'ours', 'Saved wallets: the customer already has a wallet of this name (names compare in any case).'),
  Wallet_Limit_Reached: code('BadRequest', 400, 'ours', 'Saved wallets: the customer already keeps WALLETS_PER_CUSTOMER_MAX wallets.'),
  Payee_Not_Verified: code('BadRequest', 400, 'ours', 'ACH pull: the payee is not a linked (verified) bank account, or not an ACH payee.'),
  Document_Limit_Reached: code('BadRequest', 400, 'ours', 'Business documents: the business already holds BUSINESS_DOCUMENTS_MAX documents.'),
  Payee_Limit_Reached: code('BadRequest', 400, 'ours', 'Card payees: the customer already keeps CARD_PAYEES_PER_CUSTOMER_MAX card payees.'),
  Username_Not_Available: code('BadRequest', 400, 'ibanera', "Create business: the e-mail address is already in use (it is the business user's username)."),
  Invalid_PhoneNumber: code('BadRequest', 400, 'ibanera', 'Create business: the phone number is not an E.164 number (+, country code, up to 15 digits).'),
  Invalid_CurrencyCode: code('BadRequest', 400, 'ibanera', 'Create business: the currency is not a fiat currency this server holds.'),
  Invalid_CountryISOCode: code('BadRequest', 400, 'ibanera', 'Create business: the country is not an ISO 3166-1 code.'),
  Invalid_RequestedProducts: code('BadRequest', 400, 'ibanera', "Create business: a requested product is not one of the creation parameters' products."),
  Card_Active: code('BadRequest', 400, 'ibanera', 'Cards: the card is already active.'),
  Card_Inactive: code('BadRequest', 400, 'ibanera', 'Cards: the card is not active (deactivate of an inactive card, an authorization or transfer on a card that is not usable).'),
  Card_Provider_Error: code('InternalServerError', 500, 'ibanera', 'Cards: the card network failed; nothing was written.'),
  Amout_Less_Than_Fee: code('BadRequest', 400, 'ibanera', 'Cards: the amount does not exceed the card transfer fee (spelled as Ibanera does).'),
  ShareFunds_Failed: code(
    'BadRequest',
    400,
    'ibanera',
    'Cards: a card-to-card move between these cards is not possible (the same card, or one closed, suspended or not approved).',
  ),
  Card_Limit_Exceeded: code('BadRequest', 400, 'ours', 'Cards: the authorization is above the card limit (CARD_AUTHORIZATION_LIMIT_CENTS); declined.'),
  Card_Not_Approved: code('BadRequest', 400, 'ours', "Cards: a managee's card cannot be activated before its request is approved."),
  Card_Not_Pending_Approval: code('BadRequest', 400, 'ours', "Cards: the card's request was already approved or rejected."),
  Pin_Incorrect: code('BadRequest', 400, 'ours', "Cards: OldPin is not the card's PIN."),
  Pin_Locked: code('BadRequest', 400, 'ours', 'Cards: too many wrong PINs (CARD_PIN_FAILURES_MAX); the PIN is locked.'),
  Authorization_Not_Pending: code('BadRequest', 400, 'ours', 'Cards: the authorization was already captured, reversed or has expired.'),
  Malformed_Json: code('BadRequest', 400, 'ours', 'The request body is not valid JSON.'),
  Username_Or_Password_Incorrect: code('Unauthorized', 401, 'ibanera', 'Login failed: unknown username, wrong password or wrong one-time password.'),
  Account_Not_Verified: code('Unauthorized', 401, 'ibanera', 'The principal is not permitted to use the API.'),
  Account_Locked: code('Unauthorized', 401, 'ibanera', 'Too many consecutive failed logins or one-time passwords; locked for a while.'),
  Account_Suppressed: code('Unauthorized', 401, 'ibanera', 'The principal is inactive (suppressed).'),
  Unauthorized: code('Unauthorized', 401, 'ours', 'No `Authorization: Bearer <token>` header.'),
  Token_Invalid: code('Unauthorized', 401, 'ours', 'The access token is malformed or its signature does not verify.'),
  Token_Expired: code('Unauthorized', 401, 'ours', 'The access token has expired; log in again.'),
  Otp_Required: code('Unauthorized', 401, 'ours', 'No `otp` header.'),
  Otp_Invalid: code('Unauthorized', 401, 'ours', 'The `otp` header is not the current one-time password.'),
  Forbidden: code('Forbidden', 403, 'ibanera', 'Create business: this principal may not onboard another business (BUSINESSES_PER_PRINCIPAL_MAX reached).'),
  Not_Found: code('NotFound', 404, 'ours', 'No such route, or no such entity within your reach.'),
  Method_Not_Allowed: code('MethodNotAllowed', 405, 'ours', 'The route exists but not for this HTTP method.'),
  Idempotency_Key_Reused: code('Conflict', 409, 'ours', 'The IdempotencyKey (or Idempotency-Key) was used before, within its lifetime, with a different request.'),
  Payload_Too_Large: code('PayloadTooLarge', 413, 'ours', 'The request body exceeds the configured size or nesting limit.'),
  Unsupported_Media_Type: code(
    'UnsupportedMediaType',
    415,
    'ours',
    'The body must be application/json or application/json-patch+json (multipart/form-data on upload routes only).',
  ),
  Malformed_Multipart: code('BadRequest', 400, 'ours', 'The multipart/form-data body is malformed or truncated (no boundary, a part without its end).'),
  File_Too_Large: code('PayloadTooLarge', 413, 'ours', 'A file is larger than DOCUMENT_SIZE_MAX_BYTES.'),
  Too_Many_Files: code('BadRequest', 400, 'ours', "More files than the route allows (MULTIPART_FILES_MAX, or the route's own limit)."),
  Invalid_File_Type: code('BadRequest', 400, 'ours', "The file's content is not an allowed type (PDF, PNG, JPEG), or not the type its name or part header claims."),
  Card_Declined: code('BadRequest', 400, 'ours', 'QuickBuy: the card network declined the card (sandbox: test card 4000000000000002).'),
  Card_Insufficient_Funds: code('BadRequest', 400, 'ours', 'QuickBuy: the card lacks the funds for the payment (sandbox: test card 4000000000009995).'),
  Card_Expired: code('BadRequest', 400, 'ours', 'QuickBuy: the card expiry date (ExpiryMonth, ExpiryYear) has passed.'),
  Invalid_Card_Number: code('BadRequest', 400, 'ours', 'QuickBuy: the card number is not 12–19 digits with a valid Luhn check digit.'),
  Order_Not_Payable: code('BadRequest', 400, 'ours', 'QuickBuy: the order is expired, deleted, already paid, or has used its card attempts (QUICKBUY_CARD_ATTEMPTS_MAX).'),
  Order_Not_Deletable: code('BadRequest', 400, 'ours', 'QuickBuy Pro: only an order still NOT_STARTED can be deleted.'),
  Form_Token_Invalid: code('BadRequest', 400, 'ours', 'QuickBuy: the payment form was already used, is unknown, or belongs to another order; reload the page.'),
  Api_Key_Invalid: code('Unauthorized', 401, 'ours', 'QuickBuy Pro: no API key (Authorization: Bearer or X-Api-Key), or not a valid one.'),
  Widget_Token_Invalid: code('Unauthorized', 401, 'ours', 'QuickBuy widget: the signature token does not verify, or its timestamp is outside QUICKBUY_WIDGET_TOKEN_TTL_SECONDS.'),
  Origin_Not_Allowed: code('Forbidden', 403, 'ours', "QuickBuy widget: the embedding page's origin is not on the key's whitelist."),
  Key_Limit_Reached: code(
    'BadRequest',
    400,
    'ours',
    'QuickBuy: the principal already has QUICKBUY_KEYS_PER_PRINCIPAL_MAX keys, or the customer QUICKBUY_CARDS_PER_CUSTOMER_MAX saved cards.',
  ),
  Too_Many_Requests: code('TooManyRequests', 429, 'ours', 'Rate limit reached; retry later.'),
  Service_Unavailable: code('ServiceUnavailable', 503, 'ours', 'The database does not answer (readiness check).'),
  Internal_Error: code('InternalServerError', 500, 'ours', 'A bug: the server broke one of its own rules. Nothing was written.'),
} as const;

export type MessageCode = keyof typeof MESSAGE_CODES;

export function messageCodeInfo(messageCode: MessageCode): MessageCodeInfo {
  return MESSAGE_CODES[messageCode];
}
