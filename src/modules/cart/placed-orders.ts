import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';

/** What orders said about an order it placed: what the checkout answers with. */
export interface PlacedOrder {
  number: string;
  status: string;
  placedAt: string;
}

/**
 * Hands `orders.order-placed` from the cart's subscriber to the checkout that caused it, inside
 * their transaction: the checkout answers with the order number without another round trip. Held
 * per transaction, so it goes with the transaction whether it commits or not.
 */
@Injectable()
export class PlacedOrders {
  private readonly byTransaction = new WeakMap<QueryRunner, Map<string, PlacedOrder>>();

  record(tx: EntityManager, orderId: string, placed: PlacedOrder): void {
    const runner = this.runnerOf(tx);
    const placedHere = this.byTransaction.get(runner) ?? new Map<string, PlacedOrder>();
    placedHere.set(orderId, placed);
    this.byTransaction.set(runner, placedHere);
  }

  /** The order placed in this transaction, once: undefined when orders did not place it. */
  take(tx: EntityManager, orderId: string): PlacedOrder | undefined {
    const placedHere = this.byTransaction.get(this.runnerOf(tx));
    const placed = placedHere?.get(orderId);
    placedHere?.delete(orderId);
    return placed;
  }

  private runnerOf(tx: EntityManager): QueryRunner {
    if (!tx.queryRunner) throw new Error('a placed order is only known inside its transaction');
    return tx.queryRunner;
  }
}
