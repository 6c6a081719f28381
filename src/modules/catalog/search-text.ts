/** At most this many words of a query take part in a search. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The words of a search query: lower-case runs of letters and digits, de-duplicated. Only such
 * words reach `to_tsquery`, so no query syntax can be injected through them.
 */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  const words = q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length <= 40))].slice(0, MAX_SEARCH_WORDS);
}

/** A suggest prefix as the terms are stored: lower-case, single spaces, no leading space. */
export function normalizePrefix(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trimStart().slice(0, 60);
}

/**
 * The smallest string greater than every string starting with `prefix` (code point order, which
 * is the byte order of collation "C"): `term >= prefix AND term < upper` is one index range.
 */
export function prefixUpperBound(prefix: string): string {
  const points = [...prefix];
  const last = points.pop();
  if (last === undefined) throw new RangeError('empty prefix');
  const next = last.codePointAt(0)! + 1;
  // Skip the surrogate range, which no well-formed string contains.
  return points.join('') + String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : next);
}
