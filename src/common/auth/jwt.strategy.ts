import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { isUUID } from 'class-validator';
import { Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/platform.config';
import { ROLES, type AccessTokenClaims, type Principal } from './auth.types';
import { bearerToken, VerifiedTokens } from './verified-tokens';

/** Verifies access tokens: algorithm pinned, issuer and audience checked. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AuthConfig,
    private readonly verified: VerifiedTokens,
  ) {
    super({
      jwtFromRequest: bearerToken,
      passReqToCallback: true,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse
      // it as a PEM public key on every request, which cost a sixth of an add-to-cart's CPU.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET!)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** False (401) for claims no token of ours carries: the subject is a user id, used as a uuid in SQL. */
  validate(request: Parameters<typeof bearerToken>[0], claims: AccessTokenClaims): Principal | false {
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub) || !ROLES.includes(claims.role) || typeof claims.email !== 'string') return false;
    const principal: Principal = { userId: claims.sub, role: claims.role, email: claims.email };
    if (claims.exp !== undefined) this.verified.remember(bearerToken(request)!, principal, claims.exp);
    return principal;
  }
}
