const sortedObject = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/** The cache key of a read: the same request always gives the same key, whatever the order of its parameters. */
export function canonicalKey(parts: Record<string, unknown>): string {
  return JSON.stringify(
    sortedObject(Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined))),
    (_, v: unknown) => sortedObject(v),
  );
}
