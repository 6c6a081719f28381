import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvent } from './domain-event';
import { HandlerRegistry } from './handler-registry';
import { OutboxWriter } from './outbox-writer';

/** `publish(tx, event)`: in-transaction subscribers now, asynchronous ones after commit. */
@Injectable()
export class EventBus {
  constructor(
    private readonly registry: HandlerRegistry,
    private readonly outbox: OutboxWriter,
  ) {}

  async publish(tx: EntityManager, event: DomainEvent): Promise<void> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error(`${event.name} must be published inside a transaction`);
    }
    for (const handle of this.registry.inTransactionHandlers(event.name)) {
      await handle(event, tx);
    }
    this.outbox.add(tx.queryRunner, event);
  }
}
