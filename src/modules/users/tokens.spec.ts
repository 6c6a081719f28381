import { expiresAfter, hashToken, newOpaqueToken, refreshTokenState } from './tokens';

const now = new Date('2030-01-01T12:00:00Z');
const later = expiresAfter(now, 60);
const earlier = expiresAfter(now, -60);

describe('opaque tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = newOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newOpaqueToken()).not.toBe(token);
  });

  it('are stored as a SHA-256 hex digest that differs from the token', () => {
    const token = newOpaqueToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });

  it('expire the given number of seconds later', () => {
    expect(expiresAfter(now, 3600).toISOString()).toBe('2030-01-01T13:00:00.000Z');
  });
});

describe('refreshTokenState', () => {
  it('is usable before expiry when neither spent nor revoked', () => {
    expect(refreshTokenState({ expiresAt: later, usedAt: null, revokedAt: null }, now)).toBe('usable');
  });

  it('is expired at the expiry instant', () => {
    expect(refreshTokenState({ expiresAt: now, usedAt: null, revokedAt: null }, now)).toBe('expired');
  });

  it('calls a used token spent (reuse), even once it has expired', () => {
    expect(refreshTokenState({ expiresAt: later, usedAt: earlier, revokedAt: null }, now)).toBe('spent');
    expect(refreshTokenState({ expiresAt: earlier, usedAt: earlier, revokedAt: null }, now)).toBe('spent');
  });

  it('calls a revoked token revoked, whatever else is true of it', () => {
    expect(refreshTokenState({ expiresAt: later, usedAt: earlier, revokedAt: earlier }, now)).toBe('revoked');
  });
});
