import type { OrderStatus } from './orders.events';

/** Who moves an order: the customer, staff, the payments module, or the platform (payment timeout). */
export type OrderActor = 'customer' | 'admin' | 'payment' | 'system';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled'];

/**
 * The order process as a transition table: from -> to -> who may do it. Anything not listed is
 * illegal. `paid` is reached only through a payment (payments confirms manual payments too);
 * a paid order is cancelled only by staff, since that means a refund.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, Readonly<Partial<Record<OrderStatus, readonly OrderActor[]>>>>> = {
  pending_payment: { paid: ['payment'], cancelled: ['customer', 'admin', 'system'] },
  paid: { fulfilled: ['admin'], cancelled: ['admin'] },
  fulfilled: { shipped: ['admin'] },
  shipped: { delivered: ['admin'] },
  delivered: {},
  cancelled: {},
};

export type TransitionVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'illegal' | 'not_allowed_for_actor' };

export function checkTransition(from: OrderStatus, to: OrderStatus, actor: OrderActor): TransitionVerdict {
  const actors = ORDER_TRANSITIONS[from][to];
  if (!actors) return { allowed: false, reason: 'illegal' };
  if (!actors.includes(actor)) return { allowed: false, reason: 'not_allowed_for_actor' };
  return { allowed: true };
}

/** Where `actor` may move an order from `from`. */
export const nextStatuses = (from: OrderStatus, actor: OrderActor): OrderStatus[] =>
  (Object.entries(ORDER_TRANSITIONS[from]) as [OrderStatus, readonly OrderActor[]][])
    .filter(([, actors]) => actors.includes(actor))
    .map(([to]) => to);

/** Orders whose money counts as revenue. */
export const PAID_OR_LATER: readonly OrderStatus[] = ['paid', 'fulfilled', 'shipped', 'delivered'];

export const requiresTrackingNumber = (to: OrderStatus): boolean => to === 'shipped';
