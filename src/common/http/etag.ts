import { createHash } from 'node:crypto';
import { StaleVersionError } from '../errors/domain-error';

/** A weak validator for a versioned document: `W/"<id>-<version>"`. */
export const versionEtag = (id: string, version: number): string => `W/"${id}-${version}"`;

/** A strong validator of a response body. */
export const contentEtag = (body: string | Buffer): string =>
  `"${createHash('sha1').update(body).digest('base64url')}"`;

/** Throws 412 unless `If-Match` (when sent) names the current version. */
export function assertIfMatch(ifMatch: string | undefined, id: string, version: number): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const current = versionEtag(id, version);
  const matches = ifMatch.split(',').map((t) => t.trim()).some((t) => t === current || `W/${t}` === current);
  if (!matches) throw new StaleVersionError(current);
}
