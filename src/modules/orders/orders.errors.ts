import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import type { OrderStatus } from './orders.events';

/** Also what a customer gets for another customer's order. */
export class OrderNotFoundError extends NotFoundError {
  constructor() {
    super('Order', 'ORDERS.NOT_FOUND');
  }
}

/** For consumers of events about orders that may not exist here: a missing order is nothing to do. */
export const ignoreMissing = (err: unknown): null => {
  if (err instanceof OrderNotFoundError) return null;
  throw err;
};

export class IllegalTransitionError extends DomainError {
  constructor(from: OrderStatus, to: OrderStatus, allowed: OrderStatus[]) {
    super('conflict', 'ORDERS.ILLEGAL_TRANSITION', `An order cannot go from ${from} to ${to}`, { from, to, allowed });
  }
}

export class NotCancellableError extends DomainError {
  constructor(status: OrderStatus) {
    const why =
      status === 'paid' || status === 'fulfilled'
        ? 'It has been paid: please contact us to cancel it and get a refund'
        : status === 'cancelled'
          ? 'It is already cancelled'
          : 'It has shipped';
    super('conflict', 'ORDERS.NOT_CANCELLABLE', `This order can no longer be cancelled online. ${why}.`, { orderStatus: status });
  }
}
