import { StaleVersionError } from '../errors/domain-error';
import { assertIfMatch, ifMatchVersions, versionEtag } from './etag';

describe('If-Match', () => {
  const etag = versionEtag('p1', 3);

  it('accepts a missing header, a wildcard and the current version', () => {
    expect(() => assertIfMatch(undefined, 'p1', 3)).not.toThrow();
    expect(() => assertIfMatch('*', 'p1', 3)).not.toThrow();
    expect(() => assertIfMatch(etag, 'p1', 3)).not.toThrow();
    expect(() => assertIfMatch(`"other", ${etag}`, 'p1', 3)).not.toThrow();
  });

  it('accepts the version sent as a strong tag too', () => {
    expect(() => assertIfMatch('"p1-3"', 'p1', 3)).not.toThrow();
  });

  it('refuses a stale version with a 412 error naming the current one', () => {
    expect(() => assertIfMatch(versionEtag('p1', 2), 'p1', 3)).toThrow(StaleVersionError);
  });

  it('refuses the tag of another document', () => {
    expect(() => assertIfMatch(versionEtag('p2', 3), 'p1', 3)).toThrow(StaleVersionError);
  });

  it('reads the accepted versions for a precondition in SQL', () => {
    expect(ifMatchVersions(undefined, 'p1')).toBeNull();
    expect(ifMatchVersions(' * ', 'p1')).toBeNull();
    expect(ifMatchVersions(`${versionEtag('p1', 2)}, "p1-5", ${versionEtag('p2', 7)}, "p1-x"`, 'p1')).toEqual([2, 5]);
    expect(ifMatchVersions('garbage', 'p1')).toEqual([]);
    expect(ifMatchVersions('"p1-", "p1-2147483647", "p1-2147483648", "p1-1e3", "p1--1", "p1-99999999999999"', 'p1')).toEqual([2147483647]);
  });
});
