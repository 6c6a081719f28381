/**
 * The payment state machine. Stripe tells us what it saw (an observation); these rules decide what
 * that means for our record. Events arrive late, twice or out of order, so a rule never moves a
 * payment backwards: captured money (`succeeded`, `refunded`, `flagged`) is terminal.
 */
export type PaymentStatus = 'creating' | 'pending' | 'failed' | 'succeeded' | 'refunded' | 'cancelled' | 'flagged';

export const PAYMENT_STATUSES: PaymentStatus[] = ['creating', 'pending', 'failed', 'succeeded', 'refunded', 'cancelled', 'flagged'];

/** Statuses of a payment that may still be paid; at most one per order (a unique index says so). */
export const OPEN_STATUSES: PaymentStatus[] = ['creating', 'pending', 'failed'];

/** Statuses in which money was captured and may be refunded. */
export const CAPTURED_STATUSES: PaymentStatus[] = ['succeeded', 'refunded', 'flagged'];

export type IntentObservation = 'pending' | 'failed' | 'succeeded' | 'cancelled';

/** What a Stripe PaymentIntent's status means for us. */
export function observationOf(intentStatus: string, hasPaymentError: boolean): IntentObservation {
  switch (intentStatus) {
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'cancelled';
    case 'requires_payment_method':
      return hasPaymentError ? 'failed' : 'pending';
    default:
      return 'pending';
  }
}

export const isOpen = (status: PaymentStatus): boolean => OPEN_STATUSES.includes(status);
export const isCaptured = (status: PaymentStatus): boolean => CAPTURED_STATUSES.includes(status);

/**
 * The status an observation moves a payment to, or null when it changes nothing. Success is decided
 * separately (`successVerdict`) because captured money is never ignored, even on a cancelled payment.
 */
export function nextStatus(current: PaymentStatus, observed: Exclude<IntentObservation, 'succeeded'>): PaymentStatus | null {
  if (isCaptured(current) || current === 'cancelled') return null;
  if (observed === 'pending') return current === 'creating' ? 'pending' : null;
  if (observed === 'failed') return current === 'failed' ? null : 'failed';
  return 'cancelled';
}

export type PayableStatus = 'payable' | 'paid' | 'cancelled';

export interface SuccessFacts {
  payment: { id: string; status: PaymentStatus; amount: number; currency: string };
  /** What the provider says it captured. */
  received: { amount: number; currency: string };
  payable: { status: PayableStatus; paidByPaymentId: string | null } | null;
}

export type SuccessVerdict =
  | { outcome: 'none' }
  | { outcome: 'accept' }
  /** `unwanted`: no order needs this money (its order was cancelled, or paid otherwise): all of it goes back. */
  | { outcome: 'flag'; reason: string; capturedAmount: number; unwanted: boolean };

/**
 * Whether a reported capture pays the order. Money that does not match our record, or arrives for
 * an order that is cancelled or already paid, is flagged for a human instead of being accepted.
 */
export function successVerdict({ payment, received, payable }: SuccessFacts): SuccessVerdict {
  if (isCaptured(payment.status)) return { outcome: 'none' };
  const sameCurrency = received.currency.toUpperCase() === payment.currency.toUpperCase();
  const capturedAmount = sameCurrency ? received.amount : 0;
  // Whatever reaches a cancelled order goes back, matching or not; a mismatch elsewhere needs a human.
  const cancelled = payable?.status === 'cancelled';
  if (!sameCurrency || received.amount !== payment.amount) {
    return {
      outcome: 'flag',
      reason: `captured ${received.amount} ${received.currency.toUpperCase()} but ${payment.amount} ${payment.currency} was due`,
      capturedAmount,
      unwanted: cancelled,
    };
  }
  if (!payable) return { outcome: 'flag', reason: 'no payable order for this payment', capturedAmount, unwanted: false };
  if (cancelled) return { outcome: 'flag', reason: 'the order was cancelled', capturedAmount, unwanted: true };
  if (payable.status === 'paid' && payable.paidByPaymentId !== payment.id) {
    return { outcome: 'flag', reason: 'the order was already paid by another payment', capturedAmount, unwanted: true };
  }
  return { outcome: 'accept' };
}
