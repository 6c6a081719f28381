import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/auth.types';
import { PreparedStatement } from '../database/prepared-statement';
import { DomainError, ValidationFailedError } from '../errors/domain-error';
import { OutboxWriter } from '../events/outbox-writer';
import { ApiProblems } from './api-problems.decorator';
import { stringify } from 'safe-stable-stringify';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** Set on an answer that is the stored answer to an earlier request with the same key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** What makes two requests under one key the same: path parameters and body, keys sorted (field order does not count). */
export const requestFingerprint = (params: unknown, body: unknown): string =>
  createHash('sha256')
    // `as object`: the library's overloads type an object literal's result as possibly undefined.
    .update(stringify({ params, body: body ?? null } as object))
    .digest('hex');

/** An in-flight claim older than this is taken to be from a crashed instance and may be taken over. */
const ABANDONED_AFTER = '2 minutes';
/** Answer headers worth replaying. */
const REPLAYED_HEADERS = ['location', 'etag'];

const CLAIM = new PreparedStatement(
  'platform.claim-idempotency-key',
  `INSERT INTO platform.idempotency_keys (scope, key, fingerprint, state) VALUES ($1, $2, $3, 'in_progress')
   ON CONFLICT DO NOTHING`,
);

/** The key the current request holds, for a handler that stores its answer in its own transaction. */
interface HeldKey {
  scope: string;
  key: string;
  status: number;
  answeredInTransaction: boolean;
}

const heldKeys = new AsyncLocalStorage<HeldKey>();

type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> };

interface StoredRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
  abandoned: boolean;
}

/**
 * Stripe-style idempotency: the first successful answer to a key is stored and replayed; the same
 * key with another request is 422; a request racing one still in flight is 409. Failed requests
 * store nothing, so the client may retry them with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: OutboxWriter,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      throw new ValidationFailedError(
        [{ field: 'Idempotency-Key', message: 'header is required: 1 to 255 visible ASCII characters' }],
        key === undefined ? 'The Idempotency-Key header is required' : 'The Idempotency-Key header must be 1 to 255 visible ASCII characters',
      );
    }
    const scope = `${request.method} ${request.routeOptions.url}:${request.user?.userId ?? 'anonymous'}`;
    const fingerprint = requestFingerprint(request.params, request.body);
    const claim = await this.claim(scope, key, fingerprint);
    if (claim.kind === 'replay') {
      // The first answer's status, not whatever the route would default to.
      void reply.status(claim.status).headers({ ...claim.headers, [REPLAYED_HEADER]: 'true' });
      return of(claim.body);
    }
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const held: HeldKey = { scope, key, status, answeredInTransaction: false };
    const handled = new Observable<unknown>((subscriber) => heldKeys.run(held, () => next.handle().subscribe(subscriber)));
    return handled.pipe(
      mergeMap((body) =>
        held.answeredInTransaction ? of(body) : from(this.complete(scope, key, status, body, reply)).pipe(mergeMap(() => of(body))),
      ),
      catchError((err: unknown) => from(this.release(scope, key)).pipe(mergeMap(() => throwError(() => err)))),
    );
  }

  private async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const { rowCount: claimed } = await CLAIM.run(this.dataSource.manager, [scope, key, fingerprint]);
    if (claimed) return { kind: 'new' };
    const [row] = (await this.dataSource.query(
      `SELECT fingerprint, state, response_status, response_body, response_headers,
              updated_at < now() - interval '${ABANDONED_AFTER}' AS abandoned
       FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    )) as StoredRow[];
    if (!row) return this.claim(scope, key, fingerprint);
    if (row.fingerprint !== fingerprint) {
      throw new DomainError('unprocessable', 'COMMON.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
    }
    if (row.state === 'completed') {
      return { kind: 'replay', status: row.response_status!, body: row.response_body, headers: row.response_headers ?? {} };
    }
    if (row.abandoned && (await this.takeOver(scope, key))) return { kind: 'new' };
    throw new DomainError('conflict', 'COMMON.IDEMPOTENT_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still in progress');
  }

  private async takeOver(scope: string, key: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE platform.idempotency_keys SET updated_at = now()
       WHERE scope = $1 AND key = $2 AND state = 'in_progress' AND updated_at < now() - interval '${ABANDONED_AFTER}'`,
      [scope, key],
    )) as [unknown, number];
    return count === 1;
  }

  private async complete(scope: string, key: string, status: number, body: unknown, reply: FastifyReply): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    await this.writer.storeAnswer(this.dataSource.manager, { scope, key, status, body, headers });
  }

  private async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_progress'`,
      [scope, key],
    );
  }
}

/**
 * For a handler whose answer is known inside its transaction: the answer to the request's
 * Idempotency-Key is then written in that transaction's last statement (see OutboxWriter), so it
 * commits with the change. Otherwise a crash between the commit and the answer's own write would
 * leave a retry to run the request again. Outside an idempotent request it does nothing.
 */
@Injectable()
export class IdempotentAnswers {
  constructor(private readonly writer: OutboxWriter) {}

  storeWith(tx: EntityManager, body: unknown, headers: Record<string, string> = {}): void {
    const held = heldKeys.getStore();
    if (!held || !tx.queryRunner) return;
    this.writer.answer(tx.queryRunner, { scope: held.scope, key: held.key, status: held.status, body, headers });
    held.answeredInTransaction = true;
  }
}

/** Requires `Idempotency-Key` on a route and makes retries of it safe. Put it after the auth guard. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A unique key per intended operation (1 to 255 visible ASCII characters); a retry with the same key and body ' +
        `replays the first answer, marked \`${REPLAYED_HEADER}: true\``,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: KEY_FORMAT.source },
    }),
    ApiProblems(400, 409, 422),
  );
