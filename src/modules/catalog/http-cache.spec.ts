import { matchesIfNoneMatch, renderBody } from './http-cache';

describe('HTTP validators', () => {
  it('renders a body with a strong ETag of its bytes', () => {
    const a = renderBody({ items: [1] });
    expect(a.body).toBe('{"items":[1]}');
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(renderBody({ items: [2] }).etag).not.toBe(a.etag);
  });

  it('matches If-None-Match by weak comparison, in a list, or *', () => {
    expect(matchesIfNoneMatch('"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"abc"')).toBe(false);
  });
});
