/** One item of the envelope's `errors`, as the server sent it (`message` is this server's addition). */
export interface ApiErrorItem {
  readonly errorType: string;
  readonly fieldName: string;
  readonly messageCode: string;
  readonly message?: string;
}

/** Every error the SDK throws. */
export class IbaneraError extends Error {
  override name = 'IbaneraError';
}

/** The API answered `status: "0"`: the envelope's errors, the HTTP status, and the first code. */
export class IbaneraApiError extends IbaneraError {
  override name = 'IbaneraApiError';
  readonly messageCode: string;
  readonly fieldName: string;

  constructor(
    readonly httpStatus: number,
    readonly errors: readonly ApiErrorItem[],
    readonly method: string,
    readonly path: string,
  ) {
    const first = errors[0];
    const what = errors.map((e) => e.message ?? `${e.messageCode}${e.fieldName === '' ? '' : ` (${e.fieldName})`}`).join('; ');
    super(`${method} ${path} answered ${httpStatus}: ${what || 'no error given'}`);
    this.messageCode = first?.messageCode ?? 'Unknown';
    this.fieldName = first?.fieldName ?? '';
  }

  /** Whether any error item carries this code (optionally on this field). */
  has(messageCode: string, fieldName?: string): boolean {
    return this.errors.some((e) => e.messageCode === messageCode && (fieldName === undefined || e.fieldName.toLowerCase() === fieldName.toLowerCase()));
  }
}

/** The server could not be reached, or did not answer in time (after the retries). */
export class IbaneraConnectionError extends IbaneraError {
  override name = 'IbaneraConnectionError';
}

/** Something answered that is not this API (a wrong base URL, a proxy's error page…). */
export class IbaneraProtocolError extends IbaneraError {
  override name = 'IbaneraProtocolError';

  constructor(
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}
