import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainError, TooManyRequestsError } from './domain-error';
import { plainProblem, PROBLEM_CONTENT_TYPE, ProblemDto, problemType, STATUS_BY_KIND } from './problem';

/** A problem before the request's id is put on it. */
type Unlabelled = Omit<ProblemDto, 'requestId'>;

/** The one place where errors become HTTP answers. Unknown errors are masked as a bare 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem: ProblemDto = { ...this.toProblem(exception), requestId: String(request.id) };
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    if (exception instanceof TooManyRequestsError) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown): Unlabelled {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      const { errors, ...rest } = exception.details as { errors?: ProblemDto['errors'] };
      // Details extend the problem; they never replace its standard members.
      return {
        ...rest,
        type: problemType(exception.code),
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: exception.message,
        code: exception.code,
        ...(errors ? { errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return plainProblem(status, this.httpDetail(exception));
    }
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return plainProblem(status, (exception as Error).message);
    }
    return plainProblem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred');
  }

  private httpDetail(exception: HttpException): string {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
}
