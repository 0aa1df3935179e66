/**
 * The portal's forms carry the API contract's own fields (`Amount`, `SourceAccountId`, `Payee.Name`…,
 * bound by the API's binder against the API's schemas); these are only the portal's own.
 */
export const CSRF_FIELD = '_csrf';
/** The sign-in form's double-submit token (there is no session yet to hold a CSRF token). */
export const PRE_SESSION_FIELD = '_pre';
/** A money movement's one-time form id: a second submission of the same form replays the first answer. */
export const NONCE_FIELD = '_nonce';
export const SESSION_COOKIE = 'portal_session';
export const PRE_SESSION_COOKIE = 'portal_pre';
/** The largest form body the portal accepts. */
export const FORM_BODY_MAX_BYTES = 64 * 1024;
