import { DomainError } from '../../common/errors/domain-error';

/** The same answer for an unknown e-mail, a wrong password and a disabled account (no enumeration). */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('unauthorized', 'AUTH.INVALID_CREDENTIALS', 'The e-mail address or password is incorrect');
  }
}

/** Unknown, expired, spent or revoked refresh token, or a disabled account: all look alike. */
export class InvalidRefreshTokenError extends DomainError {
  constructor() {
    super('unauthorized', 'AUTH.INVALID_REFRESH_TOKEN', 'The refresh token is not valid; sign in again');
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super('conflict', 'USERS.EMAIL_TAKEN', 'An account with this e-mail address already exists');
  }
}

/** A password reset or e-mail verification token that is unknown, used or expired. */
export class InvalidAccountTokenError extends DomainError {
  constructor() {
    super('invalid', 'USERS.TOKEN_INVALID_OR_EXPIRED', 'The link is invalid or has expired', {
      errors: [{ field: 'token', message: 'token is invalid or has expired' }],
    });
  }
}

export class CurrentPasswordIncorrectError extends DomainError {
  constructor() {
    super('invalid', 'USERS.CURRENT_PASSWORD_INCORRECT', 'The current password is incorrect', {
      errors: [{ field: 'currentPassword', message: 'currentPassword is incorrect' }],
    });
  }
}

export class CurrentPasswordRequiredError extends DomainError {
  constructor() {
    super('invalid', 'USERS.CURRENT_PASSWORD_REQUIRED', 'Changing the e-mail address or password needs the current password', {
      errors: [{ field: 'currentPassword', message: 'currentPassword is required to change email or password' }],
    });
  }
}

export class UserNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'USERS.USER_NOT_FOUND', 'User not found');
  }
}

export class AddressNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'USERS.ADDRESS_NOT_FOUND', 'Address not found');
  }
}

export class AddressLimitReachedError extends DomainError {
  constructor(limit: number) {
    super('conflict', 'USERS.ADDRESS_LIMIT_REACHED', `A customer can keep at most ${limit} addresses`, { limit });
  }
}

/** An admin may not demote or disable themselves: the shop could lose its last admin. */
export class CannotChangeOwnAccessError extends DomainError {
  constructor() {
    super('conflict', 'USERS.CANNOT_CHANGE_OWN_ACCESS', 'Admins cannot change their own role or disable themselves');
  }
}
