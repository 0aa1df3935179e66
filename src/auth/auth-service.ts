import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { CoalescedReads } from '../db/coalesced-reads.js';
import type { Clock } from '../shared/clock.js';
import { isoTimestamp } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { TotpCheckCache, VerifiedTokenCache } from './auth-cache.js';
import { jwtValidAt, signJwt } from './jwt.js';
import { hashPassword, verifyPassword } from './password.js';
import * as repo from './principals-repository.js';
import { generateTotpSecret, otpauthUrl, verifyTotp } from './totp.js';

/** A TOTP code logs in once (replays are refused); the message says so, so the caller waits for the next. */
const OTP_ALREADY_USED = 'This one-time password has already been used to log in; wait for the next one (a new code every 30 seconds).';

export interface AuthSettings {
  readonly tokenLifetimeSeconds: number;
  readonly loginFailuresMax: number;
  readonly lockoutDurationSeconds: number;
  readonly otpDriftSteps: number;
  /** log2 of scrypt's N for new password hashes. */
  readonly passwordHashCost: number;
}

export interface NewPrincipalCredentials {
  readonly customersId: number;
  readonly username: string;
  readonly sharedSecret: string;
  readonly otpauthUrl: string;
}

export interface AccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

export const USERNAME_LENGTH_MAX = 100;
export const PASSWORD_LENGTH_MIN = 8;
const USERNAME_PATTERN = /^[A-Za-z0-9._@+-]{3,100}$/;
const TOTP_ISSUER = 'ibanera-server';
/** Most principals whose concurrent lookups one statement reads. */
export const PRINCIPAL_LOOKUPS_PER_STATEMENT_MAX = 100;

// Verifying against this keeps an unknown username as slow as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Principals, login with password + TOTP, and the per-request token + OTP check. */
export class AuthService {
  /** The per-request check's HMACs, remembered by token and by (principal, secret, code, step); see auth-cache.ts. */
  private readonly tokens: VerifiedTokenCache;
  private readonly totpChecks: TotpCheckCache;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly settings: AuthSettings,
    private readonly signingKey: Buffer,
    /** Where the per-request principal lookup reads (a read-only connection on SQLite); writes use `db`. */
    private readonly reader: Kysely<Database> = db,
    /**
     * Whether concurrent requests' principal lookups share one statement (db/coalesced-reads.ts):
     * on PostgreSQL, where each statement is a round trip; SQLite answers at once.
     */
    coalesceLookups = false,
  ) {
    this.tokens = new VerifiedTokenCache(signingKey);
    this.totpChecks = new TotpCheckCache(settings.otpDriftSteps);
    this.lookups = coalesceLookups ? new CoalescedReads((ids) => repo.findPrincipalAuthStates(this.reader, ids), PRINCIPAL_LOOKUPS_PER_STATEMENT_MAX) : null;
  }

  private readonly lookups: CoalescedReads<number, repo.PrincipalAuthState> | null;

  /** The principal's state as of now: read after the request arrived, never remembered. */
  private principalState(customersId: number): Promise<repo.PrincipalAuthState | undefined> {
    return this.lookups === null ? repo.findPrincipalAuthState(this.reader, customersId) : this.lookups.read(customersId);
  }

  async createPrincipal(username: string, password: string, verified = true): Promise<NewPrincipalCredentials> {
    if (!USERNAME_PATTERN.test(username)) throw new DomainError('Invalid', 'username');
    if (password.length < PASSWORD_LENGTH_MIN || password.length > 256) throw new DomainError('Invalid_Length', 'password');
    if ((await repo.findPrincipalByUsername(this.db, username)) !== undefined) throw new DomainError('Invalid', 'username');
    const secret = generateTotpSecret();
    const passwordHash = await hashPassword(password, this.settings.passwordHashCost);
    let customersId: number;
    try {
      customersId = await this.db
        .transaction()
        .execute((tx) => repo.insertPrincipal(tx, { username, passwordHash, totpSecret: secret, verified, dateAdded: isoTimestamp(this.clock.nowMs()) }));
    } catch (error) {
      // Another process took the username between the check and the insert.
      if ((await repo.findPrincipalByUsername(this.db, username)) !== undefined) throw new DomainError('Invalid', 'username');
      throw error;
    }
    return {
      customersId,
      username: username.toLowerCase(),
      sharedSecret: secret,
      otpauthUrl: otpauthUrl({ issuer: TOTP_ISSUER, accountName: username.toLowerCase(), secretBase32: secret }),
    };
  }

  async login(username: string, password: string, otp: string): Promise<AccessToken> {
    const { customersId } = await this.signIn(username, password, otp);
    const nowSeconds = Math.floor(this.clock.nowMs() / 1000);
    const accessToken = signJwt({ sub: String(customersId), iat: nowSeconds, exp: nowSeconds + this.settings.tokenLifetimeSeconds }, this.signingKey);
    return { accessToken, expiresIn: this.settings.tokenLifetimeSeconds };
  }

  /**
   * The login's checks (password, a TOTP code not used by an earlier login, lockout, suppression),
   * without a token: the API's login and the portal's sign-in share them. Returns the principal and
   * the TOTP step its code belonged to.
   */
  async signIn(username: string, password: string, otp: string): Promise<{ customersId: number; otpStep: number }> {
    const principal = await repo.findPrincipalByUsername(this.db, username);
    if (principal === undefined) {
      await verifyPassword(password, DUMMY_HASH);
      throw new DomainError('Username_Or_Password_Incorrect');
    }
    const nowMs = this.clock.nowMs();
    if (this.isLocked(principal, nowMs)) throw new DomainError('Account_Locked');
    const passwordOk = await verifyPassword(password, principal.password_hash);
    const step = passwordOk ? verifyTotp(principal.totp_secret, otp, nowMs, this.settings.otpDriftSteps) : null;
    const fresh = step !== null && step > principal.last_login_otp_step;
    if (!passwordOk || step === null || !fresh) {
      const locked = await this.countFailure(principal.customers_id, nowMs);
      if (locked) throw new DomainError('Account_Locked');
      // Only with the right password and a code that did log in: saying so tells nothing new.
      throw step !== null ? DomainError.because('Username_Or_Password_Incorrect', '', OTP_ALREADY_USED) : new DomainError('Username_Or_Password_Incorrect');
    }
    // Credentials are right: only now may the answer reveal the principal's state.
    if (principal.b_suppressed === 1) throw new DomainError('Account_Suppressed');
    if (principal.b_verified !== 1) throw new DomainError('Account_Not_Verified');
    if (!(await repo.recordLoginSuccess(this.db, principal.customers_id, step))) {
      throw DomainError.because('Username_Or_Password_Incorrect', '', OTP_ALREADY_USED);
    }
    return { customersId: principal.customers_id, otpStep: step };
  }

  /** A principal that signed in earlier (a portal session) may still act: verified, not suppressed, not locked. */
  async checkPrincipal(customersId: number): Promise<void> {
    const principal = await this.principalState(customersId);
    if (principal === undefined) throw new DomainError('Token_Invalid');
    this.checkState(principal, this.clock.nowMs());
  }

  /**
   * A one-time password asked again for one action (the portal's money movements): a wrong code
   * counts toward the lockout exactly like the per-request check. Returns the code's TOTP step.
   */
  async verifyOtp(customersId: number, otp: string): Promise<number> {
    const principal = await repo.findPrincipalAuthState(this.db, customersId);
    if (principal === undefined) throw new DomainError('Token_Invalid');
    const nowMs = this.clock.nowMs();
    this.checkState(principal, nowMs);
    if (otp === '') throw new DomainError('Otp_Required', 'otp');
    const step = verifyTotp(principal.totp_secret, otp, nowMs, this.settings.otpDriftSteps);
    if (step === null) {
      const locked = await this.countFailure(principal.customers_id, nowMs);
      throw new DomainError(locked ? 'Account_Locked' : 'Otp_Invalid', 'otp');
    }
    if (principal.failed_attempts > 0) await repo.resetAuthFailures(this.db, principal.customers_id);
    return step;
  }

  private checkState(principal: repo.PrincipalAuthState, nowMs: number): void {
    if (principal.b_suppressed === 1) throw new DomainError('Account_Suppressed');
    if (principal.b_verified !== 1) throw new DomainError('Account_Not_Verified');
    if (this.isLocked(principal, nowMs)) throw new DomainError('Account_Locked');
  }

  /**
   * Checks the bearer token and the `otp` header of one request; returns the principal's customer id.
   * The principal's state is read on every call (another process may have suppressed, locked or
   * deleted it, or given it a new secret); only the HMACs' answers are remembered.
   */
  async authenticate(authorization: string | undefined, otp: string | undefined): Promise<number> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) throw new DomainError('Unauthorized', 'Authorization');
    const nowMs = this.clock.nowMs();
    const signed = this.tokens.verify(token);
    if (!signed.ok) throw new DomainError('Token_Invalid', 'Authorization');
    if (!jwtValidAt(signed.jwt, Math.floor(nowMs / 1000))) {
      if (nowMs / 1000 >= signed.jwt.exp) this.tokens.forget(token);
      throw new DomainError('Token_Expired', 'Authorization');
    }
    const customersId = Number(signed.jwt.claims.sub);
    const principal = Number.isSafeInteger(customersId) ? await this.principalState(customersId) : undefined;
    if (principal === undefined) throw new DomainError('Token_Invalid', 'Authorization');
    this.checkState(principal, nowMs);
    if (otp === undefined || otp === '') throw new DomainError('Otp_Required', 'otp');
    if (!this.totpChecks.check(principal.customers_id, principal.totp_secret, otp, nowMs)) {
      const locked = await this.countFailure(principal.customers_id, nowMs);
      throw new DomainError(locked ? 'Account_Locked' : 'Otp_Invalid', 'otp');
    }
    if (principal.failed_attempts > 0) await repo.resetAuthFailures(this.db, principal.customers_id);
    return principal.customers_id;
  }

  private isLocked(principal: Pick<repo.PrincipalRow, 'locked_until'>, nowMs: number): boolean {
    return principal.locked_until !== null && Date.parse(principal.locked_until) > nowMs;
  }

  private countFailure(customersId: number, nowMs: number): Promise<boolean> {
    const until = isoTimestamp(nowMs + this.settings.lockoutDurationSeconds * 1000);
    return repo.recordAuthFailure(this.db, customersId, this.settings.loginFailuresMax, until);
  }
}
