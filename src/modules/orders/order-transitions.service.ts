import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { checkTransition, nextStatuses, OrderActor, requiresTrackingNumber } from './order-status';
import { OrderRow, OrderStore } from './order-store';
import { IllegalTransitionError } from './orders.errors';
import {
  OrderCancelled,
  OrderDelivered,
  OrderFacts,
  OrderFulfilled,
  OrderPaid,
  OrderShipped,
  OrderStatus,
} from './orders.events';

export interface TransitionRequest {
  to: OrderStatus;
  actor: OrderActor;
  actorId: string | null;
  note?: string | null;
  trackingNumber?: string | null;
  /** Why a cancellation happened; derived from the actor when absent. */
  reason?: 'customer' | 'admin' | 'payment_timeout';
}

/**
 * The one way an order changes status, inside the caller's transaction on a row it has locked:
 * checks the transition table, updates the order, writes the history row and publishes the
 * matching `orders.order-<status>` event.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly store: OrderStore,
    private readonly events: EventBus,
  ) {}

  async apply(tx: EntityManager, order: OrderRow, request: TransitionRequest): Promise<OrderRow> {
    const { to, actor } = request;
    const verdict = checkTransition(order.status, to, actor);
    if (!verdict.allowed) throw new IllegalTransitionError(order.status, to, nextStatuses(order.status, actor));
    const trackingNumber = request.trackingNumber?.trim() || null;
    if (requiresTrackingNumber(to) && !trackingNumber) {
      throw new ValidationFailedError([{ field: 'trackingNumber', message: 'trackingNumber is required to ship an order' }]);
    }
    const reason = request.reason ?? (actor === 'customer' ? 'customer' : actor === 'system' ? 'payment_timeout' : 'admin');
    const [rows] = (await tx.query(
      `UPDATE orders.orders SET status = $2, updated_at = now(),
         paid_at = CASE WHEN $2 = 'paid' THEN now() ELSE paid_at END,
         cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END,
         cancellation_reason = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancellation_reason END,
         tracking_number = COALESCE($4, tracking_number)
       WHERE id = $1 RETURNING status, paid_at AS "paidAt", cancelled_at AS "cancelledAt", tracking_number AS "trackingNumber",
         updated_at AS "updatedAt"`,
      [order.id, to, reason, trackingNumber],
    )) as [Partial<OrderRow>[], number];
    const updated: OrderRow = { ...order, ...rows[0] };
    await this.record(tx, order.id, {
      kind: 'transition',
      from: order.status,
      to,
      actor,
      actorId: request.actorId,
      note: request.note ?? (trackingNumber ? `Tracking number ${trackingNumber}` : null),
    });
    const facts = this.store.facts(updated, await this.store.lines(tx, order.id));
    await this.events.publish(tx, this.event(facts, order.status, request, reason, trackingNumber));
    return updated;
  }

  /** A history row; `kind: 'note'` records something that did not change the status. */
  async record(
    tx: EntityManager,
    orderId: string,
    entry: { kind: 'transition' | 'note'; from: OrderStatus | null; to: OrderStatus; actor: OrderActor; actorId: string | null; note: string | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO orders.order_status_history (id, order_id, kind, from_status, to_status, actor, actor_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [newId(), orderId, entry.kind, entry.from, entry.to, entry.actor, entry.actorId, entry.note],
    );
  }

  private event(
    facts: OrderFacts,
    previousStatus: OrderStatus,
    request: TransitionRequest,
    reason: 'customer' | 'admin' | 'payment_timeout',
    trackingNumber: string | null,
  ) {
    switch (request.to) {
      case 'paid':
        return new OrderPaid(facts);
      case 'fulfilled':
        return new OrderFulfilled(facts);
      case 'shipped':
        return new OrderShipped({ ...facts, trackingNumber: trackingNumber! });
      case 'delivered':
        return new OrderDelivered(facts);
      case 'cancelled':
        return new OrderCancelled({
          ...facts,
          previousStatus,
          wasPaid: previousStatus !== 'pending_payment',
          reason,
          note: request.note ?? null,
        });
      default:
        throw new Error(`no event for a transition to ${request.to}`);
    }
  }
}
