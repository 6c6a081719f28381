import { createHash } from 'node:crypto';
import { StaleVersionError } from '../errors/domain-error';

/**
 * A validator for a versioned document: `W/"<id>-<version>"`. Weak, because one version has several
 * representations (a cart's totals depend on the estimate asked for); `If-Match` compares versions.
 */
export const versionEtag = (id: string, version: number): string => `W/"${id}-${version}"`;

/** A strong validator of a response body. */
export const contentEtag = (body: string | Buffer): string =>
  `"${createHash('sha1').update(body).digest('base64url')}"`;

const VERSION = /^\d{1,10}$/;

/** Versions are `integer` columns; a larger one names no version and must not reach a query's `int[]`. */
const MAX_VERSION = 2_147_483_647;

/**
 * The versions of `id` an `If-Match` header accepts, or null when it sets no condition (absent or
 * `*`). Lets a single SQL statement carry the precondition: `version = ANY($versions)`.
 */
export function ifMatchVersions(ifMatch: string | undefined, id: string): number[] | null {
  if (ifMatch === undefined || ifMatch.trim() === '*') return null;
  const prefix = `"${id}-`;
  return ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter((tag) => tag.startsWith(prefix) && tag.endsWith('"'))
    .map((tag) => tag.slice(prefix.length, -1))
    .filter((version) => VERSION.test(version) && Number(version) <= MAX_VERSION)
    .map(Number);
}

/** Throws 412 unless `If-Match` (when sent) names the current version. */
export function assertIfMatch(ifMatch: string | undefined, id: string, version: number): void {
  const accepted = ifMatchVersions(ifMatch, id);
  if (accepted && !accepted.includes(version)) throw new StaleVersionError(versionEtag(id, version));
}
