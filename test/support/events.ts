import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEvent } from '../../src/common/events/domain-event';
import { EventBus } from '../../src/common/events/event-bus';

/** Publishes events in one committed transaction, as their owning module would. */
export async function publishCommitted(app: INestApplication, ...events: DomainEvent[]): Promise<void> {
  const bus = app.get(EventBus);
  await app.get(DataSource).transaction(async (tx) => {
    for (const event of events) await bus.publish(tx, event);
  });
}
