import { StaleVersionError } from '../errors/domain-error';
import { assertIfMatch, versionEtag } from './etag';

describe('If-Match', () => {
  const etag = versionEtag('p1', 3);

  it('accepts a missing header, a wildcard and the current version', () => {
    expect(() => assertIfMatch(undefined, 'p1', 3)).not.toThrow();
    expect(() => assertIfMatch('*', 'p1', 3)).not.toThrow();
    expect(() => assertIfMatch(etag, 'p1', 3)).not.toThrow();
    expect(() => assertIfMatch(`"other", ${etag}`, 'p1', 3)).not.toThrow();
  });

  it('refuses a stale version with a 412 error naming the current one', () => {
    expect(() => assertIfMatch(versionEtag('p1', 2), 'p1', 3)).toThrow(StaleVersionError);
  });
});
