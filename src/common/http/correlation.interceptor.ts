import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { runWithCorrelationId } from '../observability/request-context';

/** Carries the request id into everything the handler does: events, jobs, log lines. */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) =>
      runWithCorrelationId(String(request.id), () => next.handle().subscribe(subscriber)),
    );
  }
}
