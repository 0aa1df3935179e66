export { AuthService, type AuthSettings, type AccessToken, type NewPrincipalCredentials } from './auth-service.js';
export { loadSigningKey } from './signing-key.js';
export { listPrincipals, setCallbackTarget, updatePrincipalFlags, type PrincipalRow } from './principals-repository.js';
export { totpCodeAt, totpStepAt } from './totp.js';
export { base32Decode } from './base32.js';
export type { AuthServices } from './module.js';
