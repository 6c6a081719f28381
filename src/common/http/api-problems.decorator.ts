import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, ProblemDto } from '../errors/problem';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails validation',
  401: 'Missing, expired or invalid access token',
  403: 'The caller lacks the required role',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  412: 'If-Match does not match the current version',
  422: 'Well-formed but cannot be processed',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'A dependency is unavailable',
};

/** Documents error answers as problem+json, e.g. `@ApiProblems(400, 404, 409)`. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? STATUS_CODES[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${ProblemDto.name}` } } },
      }),
    ),
  );
