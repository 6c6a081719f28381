import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { AccountTokensService } from './account-tokens.service';
import { UpdateProfileDto, UserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher.service';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { erasedEmail, normalizeEmail, UNUSABLE_PASSWORD_HASH } from './user-rules';
import { UsersConfig } from './users.config';
import {
  CurrentPasswordIncorrectError,
  CurrentPasswordRequiredError,
  EmailTakenError,
  UserNotFoundError,
} from './users.errors';
import { EmailVerificationRequested, UserErased, UserProfileChanged } from './users.events';
import { findActiveById } from './users.queries';

const isUniqueViolation = (err: unknown): boolean =>
  (err as { driverError?: { code?: string } }).driverError?.code === '23505';

/** The signed-in user's own account: read, change, erase. */
@Injectable()
export class ProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly accountTokens: AccountTokensService,
    private readonly config: UsersConfig,
  ) {}

  async get(userId: string): Promise<UserDto> {
    return UserDto.of(await this.mustFind(this.dataSource.manager, userId));
  }

  async update(userId: string, dto: UpdateProfileDto): Promise<UserDto> {
    const before = await this.checkCurrentPassword(userId, dto);
    const passwordHash = dto.password !== undefined ? await this.passwords.hash(dto.password) : undefined;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const user = await this.mustFind(tx, userId, true);
        // The password changed while we were hashing: the one we checked is no longer current.
        const credentials = dto.email !== undefined || dto.password !== undefined;
        if (credentials && user.passwordHash !== before.passwordHash) throw new CurrentPasswordIncorrectError();
        const profileChanged = this.applyNames(user, dto);
        const email = dto.email !== undefined ? normalizeEmail(dto.email) : user.email;
        const emailChanged = email !== user.email;
        // A change of case only is the same mailbox: it stays verified.
        const newAddress = email.toLowerCase() !== user.email.toLowerCase();
        user.email = email;
        if (newAddress) user.emailVerifiedAt = null;
        if (passwordHash) user.passwordHash = passwordHash;
        const saved = await tx.save(user);
        if (newAddress) await this.requestVerification(tx, saved);
        if (profileChanged || emailChanged) await this.publishProfile(tx, saved);
        if (passwordHash) await this.sessions.revokeAll(tx, userId);
        return UserDto.of(saved);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new EmailTakenError();
      throw err;
    }
  }

  /**
   * GDPR erasure: the row stays as an anonymous tombstone (ids elsewhere still point at it), its
   * addresses and link tokens go, every session ends, and the other modules hear of it.
   */
  async erase(userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.mustFind(tx, userId, true);
      await tx.update(User, { id: userId }, {
        email: erasedEmail(userId),
        firstName: null,
        lastName: null,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        emailVerifiedAt: null,
        erasedAt: new Date(),
      });
      await tx.query(`DELETE FROM users.addresses WHERE user_id = $1`, [userId]);
      await this.accountTokens.deleteAll(tx, userId);
      await this.sessions.revokeAll(tx, userId);
      await this.events.publish(tx, new UserErased({ userId }));
    });
  }

  private async mustFind(em: EntityManager, userId: string, lock = false): Promise<User> {
    const user = await findActiveById(em, userId, lock);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  /** A new e-mail address or password needs the current password (a stolen access token is not enough). */
  private async checkCurrentPassword(userId: string, dto: UpdateProfileDto): Promise<User> {
    const user = await this.mustFind(this.dataSource.manager, userId);
    if (dto.email === undefined && dto.password === undefined) return user;
    if (!dto.currentPassword) throw new CurrentPasswordRequiredError();
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) throw new CurrentPasswordIncorrectError();
    return user;
  }

  private applyNames(user: User, dto: UpdateProfileDto): boolean {
    let changed = false;
    if (dto.firstName !== undefined && dto.firstName !== user.firstName) {
      user.firstName = dto.firstName;
      changed = true;
    }
    if (dto.lastName !== undefined && dto.lastName !== user.lastName) {
      user.lastName = dto.lastName;
      changed = true;
    }
    return changed;
  }

  private async requestVerification(tx: EntityManager, user: User): Promise<void> {
    const token = await this.accountTokens.issue(tx, user.id, 'email_verification', this.config.EMAIL_VERIFICATION_TTL_SECONDS);
    await this.events.publish(tx, new EmailVerificationRequested({
      userId: user.id,
      email: user.email,
      firstName: user.firstName,
      verificationToken: token.raw,
      verificationExpiresAt: token.expiresAt.toISOString(),
    }));
  }

  private publishProfile(tx: EntityManager, user: User): Promise<void> {
    const { id: userId, email, firstName, lastName } = user;
    return this.events.publish(tx, new UserProfileChanged({ userId, email, firstName, lastName }));
  }
}
