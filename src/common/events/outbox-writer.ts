import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
import { PreparedStatement } from '../database/prepared-statement';
import { newId } from '../database/uuid';
import type { JobData } from '../jobs/job-data';
import type { DomainEvent } from './domain-event';
import type { OutboxJob } from './outbox.entity';

export const OUTBOX_CHANNEL = 'emporium_outbox';

/** The stored answer to an idempotent request, written with the change it answers for. */
export interface IdempotentAnswer {
  scope: string;
  key: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** An outbox row to write: an event (no `job`) or a job. */
interface OutboxRow {
  id: string;
  name: string;
  /** Serialised as the statement is written: an event's envelope (its `toJSON`), or a job's data. */
  envelope: unknown;
  job: OutboxJob | null;
  /** ISO time, as an event carries it. */
  occurredAt: string;
}

// PostgreSQL delivers a NOTIFY only when the transaction commits, and folds repeats into one.
// With no rows it writes only the answer, and notifies nobody.
const WRITE_ROWS_AND_ANSWER = new PreparedStatement(
  'platform.write-outbox-and-answer',
  `WITH written AS (
     INSERT INTO platform.outbox (id, name, envelope, job, occurred_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $10::jsonb[], $4::timestamptz[])
     RETURNING id
   ),
   answered AS (
     UPDATE platform.idempotency_keys
     SET state = 'completed', response_status = $7, response_body = $8, response_headers = $9, updated_at = now()
     WHERE $5::text IS NOT NULL AND scope = $5 AND key = $6
   )
   SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT 1 FROM written LIMIT 1) nudge`,
);

/**
 * Writes a transaction's events and jobs to `platform.outbox` in ONE statement just before it
 * commits: a checkout publishes four or more events, and each round trip to PostgreSQL costs more
 * than the rows. The rows still commit (or roll back) with everything else the transaction did. The
 * same statement stores the answer to the request's Idempotency-Key when the handler gave it one.
 */
@Injectable()
export class OutboxWriter implements EntitySubscriberInterface, OnModuleInit {
  /** Events published and jobs enqueued since the transaction (or its latest savepoint) began. */
  private readonly pending = new WeakMap<QueryRunner, OutboxRow[]>();
  private readonly answers = new WeakMap<QueryRunner, IdempotentAnswer>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  add(queryRunner: QueryRunner, event: DomainEvent): void {
    this.hold(queryRunner, { id: event.id, name: event.name, envelope: event, job: null, occurredAt: event.occurredAt });
  }

  /** A job to put on `job.queue` once the transaction commits. */
  addJob(queryRunner: QueryRunner, name: string, data: JobData, job: OutboxJob): void {
    this.hold(queryRunner, { id: newId(), name, envelope: data, job, occurredAt: new Date().toISOString() });
  }

  private hold(queryRunner: QueryRunner, row: OutboxRow): void {
    const pending = this.pending.get(queryRunner) ?? [];
    pending.push(row);
    this.pending.set(queryRunner, pending);
  }

  answer(queryRunner: QueryRunner, answer: IdempotentAnswer): void {
    this.answers.set(queryRunner, answer);
  }

  /**
   * A nested transaction (savepoint) starts: what came before it is written now, so rolling the
   * savepoint back drops only the events published inside it.
   */
  beforeTransactionStart({ queryRunner }: TransactionStartEvent): Promise<void> {
    return this.flush(queryRunner);
  }

  beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    return this.flush(queryRunner);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    this.pending.delete(queryRunner);
    this.answers.delete(queryRunner);
  }

  private async flush(queryRunner: QueryRunner): Promise<void> {
    const rows = this.pending.get(queryRunner) ?? [];
    const answer = this.answers.get(queryRunner);
    this.pending.delete(queryRunner);
    this.answers.delete(queryRunner);
    if (rows.length === 0 && !answer) return;
    await this.write(queryRunner.manager, rows, answer);
  }

  /** Stores the answer to an idempotent request on its own, for a handler that did not give it one in its transaction. */
  async storeAnswer(db: EntityManager, answer: IdempotentAnswer): Promise<void> {
    await this.write(db, [], answer);
  }

  private async write(db: EntityManager, rows: OutboxRow[], answer: IdempotentAnswer | undefined): Promise<void> {
    await WRITE_ROWS_AND_ANSWER.run(db, [
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => JSON.stringify(r.envelope)),
      rows.map((r) => r.occurredAt),
      answer?.scope ?? null,
      answer?.key ?? null,
      answer?.status ?? null,
      answer ? JSON.stringify(answer.body ?? null) : null,
      answer ? JSON.stringify(answer.headers) : null,
      rows.map((r) => (r.job ? JSON.stringify(r.job) : null)),
    ]);
  }
}
