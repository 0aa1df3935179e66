import type { MessageCode } from './error-catalog.js';

export interface FieldError {
  readonly fieldName: string;
  readonly messageCode: MessageCode;
}

/**
 * An expected outcome that ends a request: bad input, a business rule, an unknown id.
 * Bugs are not DomainErrors; they are thrown as plain errors and become a 500.
 */
export class DomainError extends Error {
  readonly errors: readonly FieldError[];

  constructor(messageCode: MessageCode, fieldName = '', more: readonly FieldError[] = []) {
    super(`${messageCode}${fieldName === '' ? '' : ` (${fieldName})`}`);
    this.errors = [{ fieldName, messageCode }, ...more];
  }

  static of(errors: readonly FieldError[]): DomainError {
    const [first, ...rest] = errors;
    if (first === undefined) throw new Error('DomainError.of needs at least one error');
    return new DomainError(first.messageCode, first.fieldName, rest);
  }

  get messageCode(): MessageCode {
    // The constructor always stores at least one error.
    return (this.errors[0] as FieldError).messageCode;
  }
}

export function notFound(fieldName: string): DomainError {
  return new DomainError('Not_Found', fieldName);
}
