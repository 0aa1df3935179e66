import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthService } from '../auth/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import * as repo from './sessions-repository.js';

export interface SessionSettings {
  readonly portalSessionIdleMinutes: number;
  readonly portalSessionMaxHours: number;
}

/** A signed-in browser, as the portal's routes see it. */
export interface PortalSession {
  /** The hash of the cookie's token (the row's key). */
  readonly id: string;
  readonly customersId: number;
  readonly csrfToken: string;
}

/** Why there is no session: none sent, or one that timed out (the page then says so). */
export type SessionLookup = { readonly ok: true; readonly session: PortalSession } | { readonly ok: false; readonly reason: 'none' | 'expired' };

/** Writes to `last_seen_at` at most this often per session: the idle timeout has minute resolution anyway. */
const TOUCH_INTERVAL_MS = 30_000;

/** The field name of the refusal of a code already used in this session (the page explains it). */
export const OTP_REUSED_FIELD = 'otp (already used)';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Equal strings, compared in constant time (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The portal's server-side sessions. Sign-in goes through the API login's own checks (AuthService),
 * so the lockout, the TOTP replay rule and suppression are the API's; the cookie holds a random
 * token whose hash keys the row; idle and absolute timeouts are checked on every request.
 */
export class PortalSessions {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly settings: SessionSettings,
  ) {}

  private get idleMs(): number {
    return this.settings.portalSessionIdleMinutes * 60_000;
  }

  private get maxMs(): number {
    return this.settings.portalSessionMaxHours * 3_600_000;
  }

  /** Checks the credentials like the API's login; returns the new session's cookie token. */
  async signIn(username: string, password: string, otp: string): Promise<{ token: string; session: PortalSession }> {
    const { customersId, otpStep } = await this.auth.signIn(username, password, otp);
    const nowMs = this.clock.nowMs();
    const token = randomBytes(32).toString('base64url');
    const session = { id: hashOf(token), customersId, csrfToken: randomBytes(32).toString('base64url') };
    const db = this.database.db;
    await repo.deleteSessionsBefore(db, isoTimestamp(nowMs - this.idleMs), isoTimestamp(nowMs - this.maxMs));
    const now = isoTimestamp(nowMs);
    await repo.insertSession(db, { id: session.id, customers_id: customersId, csrf_token: session.csrfToken, date_created: now, last_seen_at: now, last_otp_step: otpStep });
    return { token, session };
  }

  /** The session of a cookie's token, if it is still alive (and the principal may still act); counts as activity. */
  async lookup(token: string | undefined): Promise<SessionLookup> {
    if (token === undefined || token === '' || token.length > 100) return { ok: false, reason: 'none' };
    const id = hashOf(token);
    const db = this.database.db;
    const row = await repo.findSession(db, id);
    if (row === undefined) return { ok: false, reason: 'none' };
    const nowMs = this.clock.nowMs();
    const lastSeenMs = Date.parse(row.last_seen_at);
    if (nowMs - lastSeenMs >= this.idleMs || nowMs - Date.parse(row.date_created) >= this.maxMs) {
      await repo.deleteSession(db, id);
      return { ok: false, reason: 'expired' };
    }
    try {
      await this.auth.checkPrincipal(row.customers_id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Locked, suppressed or unverified since sign-in: the session ends with it.
      await repo.deleteSession(db, id);
      return { ok: false, reason: 'expired' };
    }
    if (nowMs - lastSeenMs >= TOUCH_INTERVAL_MS) await repo.touchSession(db, id, isoTimestamp(nowMs));
    return { ok: true, session: { id, customersId: row.customers_id, csrfToken: row.csrf_token } };
  }

  /**
   * A fresh one-time password for one action (money movements): checked as the API checks its
   * `otp` header (a wrong code counts toward the lockout), and good for one action only.
   */
  async stepUp(session: PortalSession, otp: string): Promise<void> {
    const step = await this.auth.verifyOtp(session.customersId, otp.trim());
    // A code already spent in this session (at sign-in or on another action) is refused: wait for the next one.
    if (!(await repo.useOtpStep(this.database.db, session.id, step))) throw new DomainError('Otp_Invalid', OTP_REUSED_FIELD);
  }

  async signOut(session: PortalSession): Promise<void> {
    await repo.deleteSession(this.database.db, session.id);
  }
}
