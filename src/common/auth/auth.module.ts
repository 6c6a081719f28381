import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard } from './auth.guards';
import { JwtStrategy } from './jwt.strategy';

@Global()
@Module({
  imports: [PassportModule],
  providers: [JwtStrategy, JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard],
  exports: [JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard],
})
export class AuthModule {}
