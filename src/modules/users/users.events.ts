import { DomainEvent } from '../../common/events/domain-event';

/** A customer signed up. Carries the raw verification token for the mailer only; never log it. */
export class UserRegistered extends DomainEvent<{
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  verificationToken: string;
  verificationExpiresAt: string;
}> {
  static override readonly eventName = 'users.user-registered';
}

/**
 * Someone asked for a reset link for this address, as typed; whether an account has it is looked
 * up after commit (by users itself), so that the answer to the asker cannot depend on it.
 */
export class PasswordResetAsked extends DomainEvent<{ email: string }> {
  static override readonly eventName = 'users.password-reset-asked';
}

/** An account's holder asked to reset its password. Carries the raw reset token for the mailer only. */
export class PasswordResetRequested extends DomainEvent<{
  userId: string;
  email: string;
  firstName: string | null;
  resetToken: string;
  expiresAt: string;
}> {
  static override readonly eventName = 'users.password-reset-requested';
}

/** A user's e-mail address or name changed; projections of contact details follow. */
export class UserProfileChanged extends DomainEvent<{
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
}> {
  static override readonly eventName = 'users.user-profile-changed';
}

/** A user was erased (GDPR): every module drops or anonymises what it keeps about them. */
export class UserErased extends DomainEvent<{ userId: string }> {
  static override readonly eventName = 'users.user-erased';
}

/** A user changed their e-mail address; the new address must be verified (raw token for the mailer only). */
export class EmailVerificationRequested extends DomainEvent<{
  userId: string;
  email: string;
  firstName: string | null;
  verificationToken: string;
  verificationExpiresAt: string;
}> {
  static override readonly eventName = 'users.email-verification-requested';
}
