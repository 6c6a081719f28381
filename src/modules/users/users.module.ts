import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthConfig } from '../../common/config/platform.config';
import { configProvider } from '../../common/config/config.providers';
import { AccountRecoveryService } from './account-recovery.service';
import { AccountTokensService } from './account-tokens.service';
import { AddressesController } from './addresses.controller';
import { AddressesService } from './addresses.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AuthRateLimitGuard } from './auth-rate-limit';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher.service';
import { ProfileService } from './profile.service';
import { PurgeExpiredTokensProcessor } from './purge-expired-tokens.processor';
import { SessionsService } from './sessions.service';
import { UsersConfig } from './users.config';

/** Accounts, sign-in and sessions, profiles and address books; publishes users.* events. */
@Module({
  imports: [
    // Issues the access tokens that common/auth/jwt.strategy.ts verifies: same secret, HS256, iss, aud.
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (auth: AuthConfig) => ({
        secret: auth.JWT_SECRET,
        signOptions: {
          algorithm: 'HS256',
          issuer: auth.JWT_ISSUER,
          audience: auth.JWT_AUDIENCE,
          expiresIn: auth.ACCESS_TOKEN_TTL_SECONDS,
        },
        verifyOptions: { algorithms: ['HS256'], issuer: auth.JWT_ISSUER, audience: auth.JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController, MeController, AddressesController, AdminUsersController],
  providers: [
    configProvider(UsersConfig),
    PasswordHasher,
    SessionsService,
    AccountTokensService,
    AuthService,
    AccountRecoveryService,
    ProfileService,
    AddressesService,
    AdminUsersService,
    FirstAdminService,
    AuthRateLimitGuard,
    PurgeExpiredTokensProcessor,
  ],
})
export class UsersModule {}
