import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { AccountTokensService } from './account-tokens.service';
import type { LoginDto, RegisterDto } from './dto/auth-requests.dto';
import type { TokenPairDto } from './dto/token-pair.dto';
import { RegisteredDto, UserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher.service';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { normalizeEmail } from './user-rules';
import { UsersConfig } from './users.config';
import { EmailTakenError, InvalidCredentialsError, InvalidRefreshTokenError } from './users.errors';
import { UserRegistered } from './users.events';
import { findActiveByEmail } from './users.queries';

/** Sign-up, sign-in, refresh and sign-out. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly accountTokens: AccountTokensService,
    private readonly config: UsersConfig,
  ) {}

  async register(dto: RegisterDto): Promise<RegisteredDto> {
    const passwordHash = await this.passwords.hash(dto.password);
    return this.dataSource.transaction(async (tx) => {
      // The unique index on lower(email) decides races between two sign-ups of one address.
      const [user] = (await tx.query(
        `INSERT INTO users.users (id, email, password_hash, first_name, last_name, role)
         VALUES ($1, $2, $3, $4, $5, 'customer')
         ON CONFLICT ((lower(email))) DO NOTHING
         RETURNING id`,
        [newId(), normalizeEmail(dto.email), passwordHash, dto.firstName ?? null, dto.lastName ?? null],
      )) as { id: string }[];
      if (!user) throw new EmailTakenError();
      const created = await tx.findOneByOrFail(User, { id: user.id });
      const verification = await this.accountTokens.issue(
        tx, created.id, 'email_verification', this.config.EMAIL_VERIFICATION_TTL_SECONDS,
      );
      await this.events.publish(tx, new UserRegistered({
        userId: created.id,
        email: created.email,
        firstName: created.firstName,
        lastName: created.lastName,
        verificationToken: verification.raw,
        verificationExpiresAt: verification.expiresAt.toISOString(),
      }));
      const pair = await this.sessions.issue(tx, created);
      return { user: UserDto.of(created), ...pair };
    });
  }

  /** Unknown e-mail, wrong password and disabled account all cost one argon2 verify and answer alike. */
  async login(dto: LoginDto): Promise<TokenPairDto> {
    const user = await findActiveByEmail(this.dataSource.manager, dto.email);
    const valid = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !valid || user.disabled) throw new InvalidCredentialsError();
    const rehash = this.passwords.needsRehash(user.passwordHash) ? await this.passwords.hash(dto.password) : undefined;
    return this.dataSource.transaction(async (tx) => {
      if (rehash) await tx.update(User, { id: user.id }, { passwordHash: rehash });
      return this.sessions.issue(tx, user);
    });
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    // Reuse detection must commit its revocation, so the refusal is thrown after the transaction.
    const outcome = await this.dataSource.transaction((tx) => this.sessions.rotate(tx, refreshToken));
    if (outcome.kind !== 'rotated') throw new InvalidRefreshTokenError();
    return outcome.pair;
  }

  async logout(userId: string, refreshToken: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.sessions.revokeFamilyOf(tx, userId, refreshToken));
  }
}
