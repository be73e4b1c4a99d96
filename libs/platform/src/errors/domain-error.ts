/**
 * What went wrong, in the domain's words. The closed set is what callers can tell apart; the
 * HTTP edge (ProblemDetailsFilter) turns each code into one status and problem type, so no
 * service, handler or repository needs to know about HTTP.
 */
export const DOMAIN_ERROR_CODES = [
  /** The input is malformed or out of range (400). */
  'invalid',
  /** The input is well-formed but cannot be acted upon as a whole (422). */
  'unprocessable',
  'forbidden',
  'not_found',
  /** The state of a record refuses the request (409). */
  'conflict',
  'gone',
  'unavailable',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** One invalid field; `line` locates it in an uploaded file (1-based, the header is line 1). */
export interface FieldError {
  field: string;
  message: string;
  line?: number;
}

export interface DomainErrorOptions {
  /** A stable, domain-specific refinement of the code, e.g. `circuit-order.not-cancellable`. */
  reason?: string;
  /** The offending fields, for `invalid` and `unprocessable`. */
  errors?: FieldError[];
  /** Overrides the generic title of the code (e.g. 'Import rejected'). */
  title?: string;
  /** The explanation shown to the caller when it differs from the message (which is logged). */
  detail?: string;
}

/** A refusal with a code from the closed set; its message is the detail the caller reads. */
export class DomainError extends Error {
  readonly reason?: string;
  readonly errors?: FieldError[];
  readonly title?: string;
  readonly detail: string;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.reason = options.reason;
    this.errors = options.errors;
    this.title = options.title;
    this.detail = options.detail ?? message;
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, reason?: string) {
    super('not_found', message, { reason });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, reason?: string) {
    super('conflict', message, { reason });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, reason?: string) {
    super('forbidden', message, { reason });
  }
}

/** Bad input that is not tied to a field list (the message names the field). */
export class InvalidError extends DomainError {
  constructor(message: string, reason?: string) {
    super('invalid', message, { reason });
  }
}

/**
 * Input refused field by field: an `invalid` (or, for input that is well-formed but cannot be
 * acted upon, `unprocessable`) error carrying every offending field.
 */
export class FieldValidationException extends DomainError {
  constructor(
    errors: FieldError[],
    problem: { code?: 'invalid' | 'unprocessable'; title?: string; detail?: string } = {},
  ) {
    super(
      problem.code ?? 'invalid',
      `invalid request: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      {
        errors,
        title: problem.title ?? 'Invalid request',
        detail: problem.detail ?? 'One or more fields are invalid.',
      },
    );
  }

  declare readonly errors: FieldError[];
}
