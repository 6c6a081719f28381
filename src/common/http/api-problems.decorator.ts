import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, type ResponseObject } from '@nestjs/swagger';
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
  414: 'A path parameter is longer than any id, slug or SKU can be (200 characters)',
  415: 'The body is not of a media type the route reads (send application/json)',
  422: 'Well-formed but cannot be processed',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'An unexpected error; the problem carries only the request id',
  503: 'A dependency is unavailable',
};

const RETRY_AFTER = { description: 'Seconds until the limit resets', schema: { type: 'integer' } } as const;

/** The OpenAPI answer for an error status: a problem+json body (and Retry-After on a 429). */
export function problemResponse(status: number, type: Type<ProblemDto> = ProblemDto): ResponseObject {
  return {
    description: DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error',
    ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${type.name}` } } },
  };
}

/** A status whose problems carry members of their own, documented by a subclass of ProblemDto. */
export type ProblemWithMembers = [status: number, type: Type<ProblemDto>];

/**
 * Documents error answers as problem+json, e.g. `@ApiProblems(400, 404, [409, ShortStockProblemDto])`.
 * A status declared again by a decorator applied later (one written above) replaces this one.
 */
export const ApiProblems = (...entries: (number | ProblemWithMembers)[]) =>
  applyDecorators(
    ...entries.flatMap((entry) => {
      const [status, type] = typeof entry === 'number' ? [entry, ProblemDto] : entry;
      return [ApiExtraModels(type), ApiResponse({ status, ...problemResponse(status, type) })];
    }),
  );
