import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type ResponseObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, ProblemDto } from '../errors/problem';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails validation',
  401: 'Missing, expired or invalid access token',
  403: 'The caller lacks the required role',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  412: 'If-Match does not match the current version',
  413: 'The request body is larger than the limit (BODY_LIMIT_BYTES)',
  422: 'Well-formed but cannot be processed',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'An unexpected error; the problem carries only the request id',
  503: 'A dependency is unavailable',
};

const RETRY_AFTER = { description: 'Seconds until the limit resets', schema: { type: 'integer' } } as const;

/** The OpenAPI answer for an error status: a problem+json body (and Retry-After on a 429). */
export function problemResponse(status: number): ResponseObject {
  return {
    description: DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error',
    ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${ProblemDto.name}` } } },
  };
}

/** Documents error answers as problem+json, e.g. `@ApiProblems(400, 404, 409)`. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
