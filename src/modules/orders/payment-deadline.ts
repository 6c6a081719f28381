import type { OrderStatus } from './orders.events';

export type ExpiryDecision =
  | { action: 'leave' }
  | { action: 'cancel' }
  | { action: 'check_again'; at: Date; delayMs: number };

/**
 * What an expiry job does with an order. Only a pending order is cancelled, and only once its
 * deadline has passed: none (the card timeout, which is when the first job runs), or the later
 * `paymentDueAt` a manual payment set. A job scheduled for that very deadline cancels even if it
 * runs a moment early (clocks of several instances differ), since a new job with the same id
 * would be a duplicate that BullMQ drops, and the order would never expire.
 */
export function decideExpiry(
  order: { status: OrderStatus; paymentDueAt: Date | null },
  scheduledFor: Date | null,
  now: Date,
): ExpiryDecision {
  if (order.status !== 'pending_payment') return { action: 'leave' };
  const due = order.paymentDueAt;
  if (due === null || due.getTime() <= now.getTime()) return { action: 'cancel' };
  if (scheduledFor !== null && scheduledFor.getTime() === due.getTime()) return { action: 'cancel' };
  return { action: 'check_again', at: due, delayMs: due.getTime() - now.getTime() };
}

/** One job per order and deadline; BullMQ job ids may not contain ':'. */
export const expiryJobId = (orderId: string, dueAt: Date | null): string =>
  dueAt === null ? `expire-${orderId}` : `expire-${orderId}-${dueAt.getTime()}`;
