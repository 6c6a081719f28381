import { API_HELMET_OPTIONS, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('records what helmet sets for the options, once', () => {
    const headers = securityHeaders(API_HELMET_OPTIONS);
    expect(headers['content-security-policy']).toContain("img-src 'self' data: https:");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('follows the options: a header helmet is told to leave out is not sent', () => {
    const headers = securityHeaders({ contentSecurityPolicy: false, frameguard: { action: 'deny' } });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['x-frame-options']).toBe('DENY');
  });
});
