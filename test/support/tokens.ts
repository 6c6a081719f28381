import { sign } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { readEnv } from '../../src/common/config/env';
import { AuthConfig } from '../../src/common/config/platform.config';
import type { Principal } from '../../src/common/auth/auth.types';

/** An access token exactly like the users module issues, for tests of other modules. */
export function accessToken(principal: Partial<Principal> = {}): string {
  const config = readEnv(AuthConfig);
  const userId = principal.userId ?? randomUUID();
  return sign(
    { role: principal.role ?? 'customer', email: principal.email ?? `${userId}@example.test` },
    config.JWT_SECRET!,
    { algorithm: 'HS256', subject: userId, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, expiresIn: 900 },
  );
}

export function bearer(principal: Partial<Principal> = {}): { Authorization: string } {
  return { Authorization: `Bearer ${accessToken(principal)}` };
}
