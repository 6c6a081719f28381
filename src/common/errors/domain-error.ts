export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'unprocessable'
  | 'too_many_requests'
  | 'payment_failed'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error vocabulary of the services. `code` is stable and reads as a sentence
 * (`ORDERS.NOT_CANCELLABLE`); `details` are safe to show to the client.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code = 'COMMON.NOT_FOUND') {
    super('not_found', code, `${what} not found`);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly errors: FieldError[], message = 'The request is not valid') {
    super('invalid', 'COMMON.VALIDATION_FAILED', message, { errors });
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication required', code = 'AUTH.UNAUTHORIZED') {
    super('unauthorized', code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', code = 'AUTH.FORBIDDEN') {
    super('forbidden', code, message);
  }
}

export class StaleVersionError extends DomainError {
  constructor(currentVersion: number | string) {
    super('precondition_failed', 'COMMON.STALE_VERSION', 'The resource has changed since you read it', {
      currentVersion,
    });
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_requests', 'COMMON.TOO_MANY_REQUESTS', 'Too many requests, slow down', {
      retryAfterSeconds,
    });
  }
}

export class RateLimitUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'COMMON.RATE_LIMIT_UNAVAILABLE', 'The service cannot check its rate limits right now, try again');
  }
}
