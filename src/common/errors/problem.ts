import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ErrorKind } from './domain-error';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  payment_failed: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
};

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/**
 * RFC 9457 problem details, the body of every error response. Some codes add members of their own
 * (RFC 9457 extension members), documented on the routes that answer them.
 */
export class ProblemDto {
  @ApiProperty({ example: 'https://emporium.dev/problems/orders.not-cancellable' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'The order has shipped and can no longer be cancelled' }) detail: string;
  @ApiPropertyOptional({ example: 'ORDERS.NOT_CANCELLABLE' }) code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'COMMON.VALIDATION_FAILED: what is wrong, per field' }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ example: 'W/"0192f1d2-...-4"', description: 'COMMON.STALE_VERSION: the current ETag' }) currentVersion?: string;
  @ApiProperty({ example: '0192f1d2-...', description: 'The X-Request-Id of the request, to quote to support' }) requestId: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem with no code of ours, before the request's id is put on it: the status says it all. */
export const plainProblem = (status: number, detail: string): Omit<ProblemDto, 'requestId'> => ({
  type: 'about:blank',
  title: STATUS_CODES[status] ?? 'Error',
  status,
  detail,
});

export const problemType = (code: string): string =>
  `https://emporium.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
