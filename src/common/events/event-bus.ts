import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvent } from './domain-event';
import { HandlerRegistry } from './handler-registry';

export const OUTBOX_CHANNEL = 'emporium_outbox';

/** `publish(tx, event)`: in-transaction subscribers now, asynchronous ones after commit. */
@Injectable()
export class EventBus {
  constructor(private readonly registry: HandlerRegistry) {}

  async publish(tx: EntityManager, event: DomainEvent): Promise<void> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error(`${event.name} must be published inside a transaction`);
    }
    for (const handle of this.registry.inTransactionHandlers(event.name)) {
      await handle(event, tx);
    }
    // One round trip for the row and the nudge. PostgreSQL delivers a NOTIFY only when the
    // transaction commits, and folds repeats into one.
    await tx.query(
      `WITH written AS (
         INSERT INTO platform.outbox (id, name, envelope, occurred_at) VALUES ($1, $2, $3, $4) RETURNING id
       )
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM written`,
      [event.id, event.name, JSON.stringify(event.toJSON()), event.occurredAt],
    );
  }
}
