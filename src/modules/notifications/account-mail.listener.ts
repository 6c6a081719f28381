import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { EmailVerificationRequested, PasswordResetRequested, UserRegistered } from '../users/users.events';
import { OutgoingMailService } from './outgoing-mail.service';

/**
 * Account mail: the verification link after sign-up, the reset link on request.
 * Repeatable: a second delivery of an event records no second message (OutgoingMailService).
 */
@Injectable()
export class AccountMailListener {
  constructor(private readonly mail: OutgoingMailService) {}

  @OnEventAsync(UserRegistered, { repeatable: true })
  async onUserRegistered(event: UserRegistered, db: EntityManager): Promise<void> {
    const { userId, email, firstName, verificationToken } = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'verify-email',
      to: email,
      userId,
      context: { firstName, token: verificationToken },
    });
  }

  /** A changed address must be verified again: same mail as at registration. */
  @OnEventAsync(EmailVerificationRequested, { repeatable: true })
  async onEmailVerificationRequested(event: EmailVerificationRequested, db: EntityManager): Promise<void> {
    const { userId, email, firstName, verificationToken } = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'verify-email',
      to: email,
      userId,
      context: { firstName, token: verificationToken },
    });
  }

  @OnEventAsync(PasswordResetRequested, { repeatable: true })
  async onPasswordResetRequested(event: PasswordResetRequested, db: EntityManager): Promise<void> {
    const { userId, email, firstName, resetToken, expiresAt } = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'reset-password',
      to: email,
      userId,
      context: { firstName, token: resetToken, expiresAt },
    });
  }
}
