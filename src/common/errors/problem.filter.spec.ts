import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { DomainError, TooManyRequestsError, ValidationFailedError } from './domain-error';
import { ProblemFilter } from './problem.filter';

function answer(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-1' }) }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('maps a domain error kind to its status with a stable code', () => {
    const res = answer(new DomainError('conflict', 'ORDERS.NOT_CANCELLABLE', 'The order has shipped'));
    expect(res.status).toBe(409);
    expect(res.headers['Content-Type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 409, title: 'Conflict', code: 'ORDERS.NOT_CANCELLABLE', detail: 'The order has shipped', requestId: 'req-1' });
  });

  it('keeps its standard members when details use the same names', () => {
    const res = answer(new DomainError('conflict', 'ORDERS.X', 'msg', { status: 'shipped', shortages: [] }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 409, shortages: [] });
  });

  it('lists validation errors by field', () => {
    const res = answer(new ValidationFailedError([{ field: 'email', message: 'email must be an email' }]));
    expect(res.status).toBe(400);
    expect(res.body?.errors).toEqual([{ field: 'email', message: 'email must be an email' }]);
  });

  it('sets Retry-After on 429', () => {
    const res = answer(new TooManyRequestsError(42));
    expect(res.status).toBe(429);
    expect(res.headers['Retry-After']).toBe('42');
  });

  it('keeps HTTP exceptions such as a missing route', () => {
    expect(answer(new NotFoundException('Cannot GET /x')).status).toBe(404);
  });

  it('masks unknown errors as a bare 500 without details', () => {
    const res = answer(new Error('relation "users" does not exist at SELECT * FROM secret'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('SELECT');
    expect(res.body).toMatchObject({ status: 500, detail: 'An unexpected error occurred' });
  });
});
