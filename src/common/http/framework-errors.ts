import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { plainProblem, PROBLEM_CONTENT_TYPE, type ProblemDto } from '../errors/problem';

/**
 * Longer than any path parameter of ours can be: slugs have up to 120 characters, SKUs 64, ids 36.
 * Fastify's default of 100 answered 414 for a product's or category's own long slug.
 */
export const MAX_PARAM_LENGTH = 200;

const problem = (status: number, detail: string, requestId: string): ProblemDto => ({ ...plainProblem(status, detail), requestId });

const DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: a path segment does not decode',
  FST_ERR_MAX_PARAM_LENGTH: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters`,
};

/**
 * What Fastify's router refuses before any route runs (a path that does not decode, a parameter too
 * long): problem+json like every other error. No hook runs for such a request, so the request's id
 * and the security headers are set here.
 */
export const frameworkErrors =
  (securityHeaders: Record<string, string>) =>
  (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    void reply
      .status(status)
      .headers(securityHeaders)
      .header('X-Request-Id', request.id)
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .send(problem(status, DETAILS[error.code] ?? error.message, String(request.id)));
  };

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers over the size limit, a
 * malformed request, a request that timed out), answered on the raw socket as problem+json. There
 * is no request id yet, so the answer gets a fresh one.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than the server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time']
        : [400, 'The request is not valid HTTP'];
  const body = JSON.stringify(problem(status, detail, randomUUID()));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
