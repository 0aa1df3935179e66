import type { Kysely } from 'kysely';
import type { AccountsServices } from '../../accounts/index.js';
import type { AuthServices } from '../../auth/index.js';
import type { Config } from '../../config/config.js';
import type { CustomersServices } from '../../customers/index.js';
import type { Database } from '../../db/schema.js';
import type { BusinessServices } from '../../business/index.js';
import type { CardsServices } from '../../cards/index.js';
import type { ExchangesServices } from '../../exchanges/index.js';
import type { FxServices } from '../../fx/index.js';
import type { MarketsServices } from '../../markets/index.js';
import type { RfisServices } from '../../rfis/index.js';
import type { SimulationsServices } from '../../simulations/index.js';
import type { TransfersServices } from '../../transfers/index.js';
import { DomainError, type FieldError } from '../../shared/domain-error.js';
import { messageCodeInfo } from '../../shared/error-catalog.js';
import { html, type SafeHtml } from '../html.js';
import { OTP_REUSED_FIELD, type PortalSession } from '../session-service.js';

/** The services the portal calls: the very ones the API's routes call. */
export type PortalDeps = AuthServices &
  AccountsServices &
  CustomersServices &
  TransfersServices &
  SimulationsServices &
  RfisServices &
  MarketsServices &
  ExchangesServices &
  FxServices &
  CardsServices &
  BusinessServices;

/** What a page is drawn from: the signed-in principal, its services, and the settings. */
export interface View {
  readonly principalId: number;
  readonly session: PortalSession;
  readonly deps: PortalDeps;
  readonly config: Config;
  readonly reader: Kysely<Database>;
  readonly sandbox: boolean;
  /** The server's clock (tests move it). */
  readonly nowMs: () => number;
}

/** A page's content; the layout adds the frame. */
export interface Content {
  readonly title: string;
  readonly section: string;
  readonly body: SafeHtml;
  readonly status?: number;
}

export const csrfField = (view: View) => html`<input type="hidden" name="_csrf" value="${view.session.csrfToken}" />`;

/** Words for the codes a customer meets most; every other code reads as the catalog describes it. */
const PLAIN: Partial<Record<string, string>> = {
  Insufficient_Funds: 'Insufficient funds: the available balance does not cover the amount (fees included).',
  Otp_Invalid: 'The authenticator code is wrong or has expired.',
  Otp_Required: 'Enter the code your authenticator app shows.',
  Username_Or_Password_Incorrect: 'The username, password or authenticator code is wrong.',
  Account_Locked: 'Too many failed attempts: sign-in is locked for a while.',
  Not_Found: 'Not found.',
};

function fieldMessage(error: FieldError): string {
  if (error.fieldName === OTP_REUSED_FIELD) return 'This authenticator code was already used: wait for the next one and enter it.';
  const plain = PLAIN[error.messageCode];
  if (plain !== undefined) return plain;
  const field = error.fieldName === '' ? '' : `${error.fieldName}: `;
  return `${field}${messageCodeInfo(error.messageCode).description} (${error.messageCode})`;
}

/** A refused request's messages, as a list a screen reader announces. */
export function problem(error: DomainError): SafeHtml {
  return html`<div class="problem" role="alert">
    <p><strong>Nothing was done.</strong></p>
    <ul>
      ${error.errors.map((e) => html`<li>${fieldMessage(e)}</li>`)}
    </ul>
  </div>`;
}

export function notice(text: string): SafeHtml {
  return html`<p class="notice" role="status">${text}</p>`;
}

/** Whole numbers from a form or a URL (ids, page numbers); anything else is Invalid. */
export function wholeNumber(text: string | undefined, fieldName: string): number {
  if (text === undefined || !/^\d{1,10}$/.test(text) || Number(text) > 2_147_483_647) throw new DomainError('Invalid', fieldName);
  return Number(text);
}

export function optionList(options: readonly { value: string | number; label: string }[], selected?: string | number): SafeHtml[] {
  return options.map((o) => html`<option value="${String(o.value)}" ${String(o.value) === String(selected ?? '') ? html` selected` : ''}>${o.label}</option>`);
}
