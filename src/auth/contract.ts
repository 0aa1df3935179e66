import { Type, type Static } from '@sinclair/typebox';
import { StringField } from '../shared/contract-fields.js';

/** POST /api/v1/public/auth/login */
export const LoginBody = Type.Object({
  username: StringField({ maxLength: 100 }),
  password: StringField({ maxLength: 256 }),
  otp: StringField({ maxLength: 10, description: 'The current TOTP; a code that logged in once cannot log in again.' }),
});
export type LoginBody = Static<typeof LoginBody>;

export const AccessTokenDetails = Type.Object({ accessToken: Type.String(), expiresIn: Type.Integer() });
export type AccessTokenDetails = Static<typeof AccessTokenDetails>;
