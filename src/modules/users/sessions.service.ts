import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import type { AccessTokenClaims, Role } from '../../common/auth/auth.types';
import { AuthConfig } from '../../common/config/platform.config';
import { newId } from '../../common/database/uuid';
import { TokenPairDto } from './dto/token-pair.dto';
import { expiresAfter, hashToken, newOpaqueToken, refreshTokenState } from './tokens';

export interface SessionSubject {
  id: string;
  role: Role;
  email: string;
}

interface PresentedToken {
  id: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  userId: string;
  role: Role;
  email: string;
  disabled: boolean;
  erasedAt: Date | null;
}

export type RotationOutcome = { kind: 'rotated'; pair: TokenPairDto } | { kind: 'reused' } | { kind: 'refused' };

/** Access JWTs and refresh-token families: issue, rotate, detect reuse, revoke. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly jwt: JwtService,
    private readonly auth: AuthConfig,
  ) {}

  /** Starts a new family, or continues `familyId` when rotating. */
  async issue(tx: EntityManager, user: SessionSubject, familyId = newId()): Promise<TokenPairDto> {
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, email: user.email };
    const accessToken = await this.jwt.signAsync(claims);
    const refreshToken = newOpaqueToken();
    const expiresAt = expiresAfter(new Date(), this.auth.REFRESH_TOKEN_TTL_SECONDS);
    await tx.query(
      `INSERT INTO users.refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [newId(), user.id, familyId, hashToken(refreshToken), expiresAt],
    );
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.auth.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * Spends a refresh token and issues the next one of its family. The row lock makes two
   * concurrent uses of one token a reuse: the second one revokes the family.
   */
  async rotate(tx: EntityManager, rawToken: string): Promise<RotationOutcome> {
    const [token] = (await tx.query(
      `SELECT t.id, t.family_id AS "familyId", t.expires_at AS "expiresAt", t.used_at AS "usedAt",
              t.revoked_at AS "revokedAt", u.id AS "userId", u.role, u.email, u.disabled, u.erased_at AS "erasedAt"
       FROM users.refresh_tokens t JOIN users.users u ON u.id = t.user_id
       WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [hashToken(rawToken)],
    )) as PresentedToken[];
    if (!token) return { kind: 'refused' };
    const state = refreshTokenState(token, new Date());
    if (state === 'spent') {
      await this.revokeFamily(tx, token.familyId);
      return { kind: 'reused' };
    }
    if (state !== 'usable' || token.disabled || token.erasedAt) return { kind: 'refused' };
    await tx.query(`UPDATE users.refresh_tokens SET used_at = now() WHERE id = $1`, [token.id]);
    const pair = await this.issue(tx, { id: token.userId, role: token.role, email: token.email }, token.familyId);
    return { kind: 'rotated', pair };
  }

  async revokeFamily(tx: EntityManager, familyId: string): Promise<void> {
    await tx.query(
      `UPDATE users.refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  /** Logout: ends the session the token belongs to, if it is the caller's; silent otherwise. */
  async revokeFamilyOf(tx: EntityManager, userId: string, rawToken: string): Promise<void> {
    await tx.query(
      `UPDATE users.refresh_tokens SET revoked_at = now()
       WHERE revoked_at IS NULL
         AND family_id = (SELECT family_id FROM users.refresh_tokens WHERE token_hash = $1 AND user_id = $2)`,
      [hashToken(rawToken), userId],
    );
  }

  /** Every session of the user: password reset, disabling, erasure. */
  async revokeAll(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(
      `UPDATE users.refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }
}
