import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: refresh, password reset and e-mail verification tokens. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored as their SHA-256: a leaked table gives nobody a usable token. */
export const hashToken = (raw: string): string => createHash('sha256').update(raw, 'utf8').digest('hex');

export const expiresAfter = (now: Date, seconds: number): Date => new Date(now.getTime() + seconds * 1000);

export interface TokenLifecycle {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt?: Date | null;
}

export type RefreshTokenState = 'usable' | 'spent' | 'revoked' | 'expired';

/**
 * What presenting a refresh token means. A spent token is reuse (the token leaked, or a client
 * kept an old one), so the whole family is revoked, even when the spent token has since expired.
 */
export function refreshTokenState(token: TokenLifecycle, now: Date): RefreshTokenState {
  if (token.revokedAt) return 'revoked';
  if (token.usedAt) return 'spent';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'usable';
}
