/** How much of a payment can still go back to the customer, and how much a refund request takes. */
export interface RefundablePayment {
  status: string;
  amountCaptured: number;
  amountRefunded: number;
}

export const REFUNDABLE_STATUSES = ['succeeded', 'refunded', 'flagged'];

/** Captured minus refunded minus refunds still in flight (they count until they fail). */
export function refundableAmount(payment: RefundablePayment, pendingRefunds: number): number {
  if (!REFUNDABLE_STATUSES.includes(payment.status)) return 0;
  return Math.max(0, payment.amountCaptured - payment.amountRefunded - pendingRefunds);
}

export type RefundDecision =
  | { ok: true; amount: number }
  | { ok: false; reason: 'not_captured' | 'nothing_left' | 'exceeds_refundable'; refundable: number };

/** A refund of `requested` (or of everything left when absent), never more than what is left in total. */
export function decideRefund(payment: RefundablePayment, pendingRefunds: number, requested?: number): RefundDecision {
  if (!REFUNDABLE_STATUSES.includes(payment.status)) return { ok: false, reason: 'not_captured', refundable: 0 };
  const refundable = refundableAmount(payment, pendingRefunds);
  if (refundable === 0) return { ok: false, reason: 'nothing_left', refundable };
  const amount = requested ?? refundable;
  if (amount > refundable) return { ok: false, reason: 'exceeds_refundable', refundable };
  return { ok: true, amount };
}

/** The status a succeeded payment takes once refunds reach what was captured. */
export const statusAfterRefund = (status: string, amountCaptured: number, amountRefunded: number): string =>
  status === 'succeeded' && amountRefunded >= amountCaptured ? 'refunded' : status;
