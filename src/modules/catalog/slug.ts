/** Lower-case words of letters and digits joined by single hyphens, e.g. `leather-jacket-2`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 120;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/**
 * A URL-safe slug from a name: accents dropped, anything else that is not a letter or digit becomes
 * one hyphen. Falls back to `fallback` when nothing is left (a name in a non-Latin script).
 */
export function slugify(text: string, fallback = 'item', maxLength = 80): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c] ?? c);
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const cut = slug.slice(0, maxLength).replace(/-+$/, '');
  return cut || fallback;
}

/** A slug an admin may choose: the pattern, a bounded length, and never shaped like an id. */
export const isValidSlug = (slug: string): boolean =>
  slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(slug) && !isUuid(slug);

/** `base`, or `base-2`, `base-3`, ... whichever is first not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
