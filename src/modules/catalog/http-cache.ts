import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentEtag } from '../../common/http/etag';
import type { CachedBody } from './catalog-cache';

/** A JSON body with the ETag that is cached along with it. */
export const entryOf = (body: string): CachedBody => ({ body, etag: contentEtag(body) });

/** Renders a response body once. */
export const renderBody = (value: unknown): CachedBody => entryOf(JSON.stringify(value));

/** `If-None-Match` names this ETag (weak comparison, RFC 9110 section 13.1.2). */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .some((tag) => tag.trim() === '*' || strip(tag) === wanted);
}

/**
 * Answers a public read from a rendered body: validators and caching headers always, 304 when
 * the client's copy is current, else the JSON as it is (no re-serialisation).
 */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, entry: CachedBody, maxAgeSeconds: number): string {
  void reply.header('ETag', entry.etag);
  void reply.header('Cache-Control', `public, max-age=${maxAgeSeconds}, must-revalidate`);
  if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
    void reply.status(304);
    return '';
  }
  void reply.header('Content-Type', 'application/json; charset=utf-8');
  return entry.body;
}
