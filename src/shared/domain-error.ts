import type { MessageCode } from './error-catalog.js';

export interface FieldError {
  readonly fieldName: string;
  readonly messageCode: MessageCode;
  /** One English sentence saying what is wrong (ours); the code's default when absent. */
  readonly message?: string;
}

/**
 * An expected outcome that ends a request: bad input, a business rule, an unknown id.
 * Bugs are not DomainErrors; they are thrown as plain errors and become a 500.
 */
export class DomainError extends Error {
  readonly errors: readonly FieldError[];

  constructor(messageCode: MessageCode, fieldName = '', more: readonly FieldError[] = [], message?: string) {
    super(`${messageCode}${fieldName === '' ? '' : ` (${fieldName})`}`);
    this.errors = [{ fieldName, messageCode, ...(message === undefined ? {} : { message }) }, ...more];
  }

  /** An error with its own sentence (`message` in the envelope). */
  static because(messageCode: MessageCode, fieldName: string, message: string): DomainError {
    return new DomainError(messageCode, fieldName, [], message);
  }

  static of(errors: readonly FieldError[]): DomainError {
    const [first, ...rest] = errors;
    if (first === undefined) throw new Error('DomainError.of needs at least one error');
    return new DomainError(first.messageCode, first.fieldName, rest, first.message);
  }

  get messageCode(): MessageCode {
    // The constructor always stores at least one error.
    return (this.errors[0] as FieldError).messageCode;
  }
}

export function notFound(fieldName: string): DomainError {
  return new DomainError('Not_Found', fieldName);
}
