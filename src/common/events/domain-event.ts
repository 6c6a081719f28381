import { newId } from '../database/uuid';
import { currentCorrelationId } from '../observability/request-context';

/** What travels through the outbox and the queues: a plain, JSON-safe record. */
export interface EventEnvelope<P = unknown> {
  id: string;
  name: string;
  occurredAt: string;
  correlationId: string;
  payload: P;
}

/**
 * A fact that happened in a module. Subclasses declare a stable `eventName`
 * (`module.thing-happened`) that never changes once published.
 */
export abstract class DomainEvent<P = unknown> implements EventEnvelope<P> {
  static readonly eventName: string;

  readonly id: string;
  readonly name: string;
  readonly occurredAt: string;
  readonly correlationId: string;

  constructor(readonly payload: P) {
    this.id = newId();
    this.name = (this.constructor as unknown as EventType).eventName;
    this.occurredAt = new Date().toISOString();
    this.correlationId = currentCorrelationId() ?? this.id;
  }

  toJSON(): EventEnvelope<P> {
    const { id, name, occurredAt, correlationId, payload } = this;
    return { id, name, occurredAt, correlationId, payload };
  }
}

export interface EventType<E extends DomainEvent = DomainEvent> {
  readonly eventName: string;
  prototype: E;
}

/** Rebuilds an event that came back from the outbox, so handlers see the same class they subscribed to. */
export function rehydrate<E extends DomainEvent>(type: EventType<E>, envelope: EventEnvelope): E {
  return Object.assign(Object.create(type.prototype) as E, envelope);
}
