import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { AccountTokensService } from './account-tokens.service';
import { PasswordHasher } from './password-hasher.service';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { UsersConfig } from './users.config';
import { InvalidAccountTokenError } from './users.errors';
import { PasswordResetAsked, PasswordResetRequested } from './users.events';
import { findActiveByEmail } from './users.queries';

/** Forgotten passwords and e-mail verification: single-use, expiring, hashed link tokens. */
@Injectable()
export class AccountRecoveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly accountTokens: AccountTokensService,
    private readonly config: UsersConfig,
  ) {}

  /**
   * Asks for a reset link and says nothing either way (the caller answers 202). The request writes
   * the same one event whatever the address; done in the request, a live account's extra
   * statements made the answer measurably slower, which told the asker the address has an account.
   */
  async forgotPassword(email: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.events.publish(tx, new PasswordResetAsked({ email })));
  }

  /** Publishes the reset link for a live account, and does nothing for any other address. */
  @OnEventAsync(PasswordResetAsked)
  async issueResetLink(event: PasswordResetAsked, tx: EntityManager): Promise<void> {
    const user = await findActiveByEmail(tx, event.payload.email);
    if (!user || user.disabled) return;
    const reset = await this.accountTokens.issue(tx, user.id, 'password_reset', this.config.PASSWORD_RESET_TTL_SECONDS);
    await this.events.publish(tx, new PasswordResetRequested({
      userId: user.id,
      email: user.email,
      firstName: user.firstName,
      resetToken: reset.raw,
      expiresAt: reset.expiresAt.toISOString(),
    }));
  }

  /** Sets the new password and ends every session: whoever knew the old password is signed out. */
  async resetPassword(token: string, password: string): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    await this.dataSource.transaction(async (tx) => {
      const userId = await this.accountTokens.consume(tx, token, 'password_reset');
      if (!userId) throw new InvalidAccountTokenError();
      const [, changed] = (await tx.query(
        `UPDATE users.users SET password_hash = $2, updated_at = now() WHERE id = $1 AND erased_at IS NULL`,
        [userId, passwordHash],
      )) as [unknown, number];
      if (changed === 0) throw new InvalidAccountTokenError();
      await this.sessions.revokeAll(tx, userId);
    });
  }

  /** Marks the address verified; the token proves the holder reads that mailbox. */
  async verifyEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const userId = await this.accountTokens.consume(tx, token, 'email_verification');
      if (!userId) throw new InvalidAccountTokenError();
      await tx
        .createQueryBuilder()
        .update(User)
        .set({ emailVerifiedAt: () => 'COALESCE(email_verified_at, now())' })
        .where('id = :id AND erased_at IS NULL', { id: userId })
        .execute();
    });
  }
}
