import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { OnJob } from '../../common/events/event-handler.decorators';
import { JobsService } from '../../common/jobs/jobs.service';
import { AccountTokensService } from './account-tokens.service';
import { PasswordHasher } from './password-hasher.service';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { UsersConfig } from './users.config';
import { InvalidAccountTokenError } from './users.errors';
import { PasswordResetRequested } from './users.events';
import { findActiveByEmail } from './users.queries';

export const ISSUE_RESET_LINK = 'issue-password-reset-link';

interface ResetLinkAsked {
  email: string;
}

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
    private readonly jobs: JobsService,
  ) {}

  /**
   * Asks for a reset link and says nothing either way (the caller answers 202). The address is
   * looked up by a job, after the answer: done in the request, a live account's extra statements
   * made the answer measurably slower, which told a caller the address has an account.
   */
  async forgotPassword(email: string): Promise<void> {
    await this.jobs.enqueue<ResetLinkAsked>('users', ISSUE_RESET_LINK, { email });
  }

  /** Publishes the reset link for a live account, and does nothing for any other address. */
  @OnJob(ISSUE_RESET_LINK)
  async issueResetLink({ email }: ResetLinkAsked): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const user = await findActiveByEmail(tx, email);
      if (!user || user.disabled) return;
      const reset = await this.accountTokens.issue(tx, user.id, 'password_reset', this.config.PASSWORD_RESET_TTL_SECONDS);
      await this.events.publish(tx, new PasswordResetRequested({
        userId: user.id,
        email: user.email,
        firstName: user.firstName,
        resetToken: reset.raw,
        expiresAt: reset.expiresAt.toISOString(),
      }));
    });
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
