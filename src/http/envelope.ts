import type { FieldError } from '../shared/domain-error.js';
import { messageCodeInfo } from '../shared/error-catalog.js';
import { defaultErrorMessage } from '../shared/error-messages.js';

/** One error in Ibanera's envelope: all three fields, always (spec §8.7). */
export interface EnvelopeError {
  readonly errorType: string;
  readonly fieldName: string;
  readonly messageCode: string;
  /** Ours: one English sentence saying what is wrong (Ibanera's three fields are unchanged). */
  readonly message: string;
}

export interface Envelope<T = unknown> {
  readonly id: number;
  readonly details: T | null;
  readonly pageSize?: number;
  readonly pageNumber?: number;
  readonly numberOfPages?: number;
  readonly status: '1' | '0';
  readonly errors: readonly EnvelopeError[];
}

export interface PageInfo {
  readonly pageSize: number;
  readonly pageNumber: number;
  readonly numberOfPages: number;
}

export function success<T>(details: T, id = 0): Envelope<T> {
  return { id, details, status: '1', errors: [] };
}

/** A success without `details`, as the pay-in simulation answers. */
export function successWithoutDetails(id = 0): Omit<Envelope, 'details'> {
  return { id, status: '1', errors: [] };
}

export function paged<T>(details: readonly T[], page: PageInfo, id = 0): Envelope<readonly T[]> {
  return { id, details, pageSize: page.pageSize, pageNumber: page.pageNumber, numberOfPages: page.numberOfPages, status: '1', errors: [] };
}

export function failure(errors: readonly FieldError[]): Envelope<null> {
  return {
    id: 0,
    details: null,
    status: '0',
    errors: errors.map((e) => {
      const info = messageCodeInfo(e.messageCode);
      return {
        errorType: info.errorType,
        fieldName: e.fieldName,
        messageCode: e.messageCode,
        message: e.message ?? defaultErrorMessage(e.messageCode, e.fieldName, info.description),
      };
    }),
  };
}
