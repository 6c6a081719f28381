import { isOpen, nextStatus, observationOf, PaymentStatus, successVerdict } from './payment-state';

describe('payment state', () => {
  describe('observationOf', () => {
    it.each([
      ['succeeded', false, 'succeeded'],
      ['canceled', false, 'cancelled'],
      ['requires_payment_method', true, 'failed'],
      ['requires_payment_method', false, 'pending'],
      ['processing', false, 'pending'],
      ['requires_action', false, 'pending'],
    ] as const)('reads intent status %s (error: %s) as %s', (status, hasError, expected) => {
      expect(observationOf(status, hasError)).toBe(expected);
    });
  });

  describe('nextStatus', () => {
    it('moves a payment being created to pending once its intent exists', () => {
      expect(nextStatus('creating', 'pending')).toBe('pending');
      expect(nextStatus('pending', 'pending')).toBeNull();
    });

    it('records a failed attempt, once', () => {
      expect(nextStatus('pending', 'failed')).toBe('failed');
      expect(nextStatus('failed', 'failed')).toBeNull();
    });

    it('never moves captured money backwards', () => {
      for (const status of ['succeeded', 'refunded', 'flagged'] as PaymentStatus[]) {
        expect(nextStatus(status, 'failed')).toBeNull();
        expect(nextStatus(status, 'cancelled')).toBeNull();
        expect(nextStatus(status, 'pending')).toBeNull();
      }
    });

    it('leaves a cancelled payment cancelled unless money arrives', () => {
      expect(nextStatus('cancelled', 'failed')).toBeNull();
      expect(nextStatus('cancelled', 'pending')).toBeNull();
      expect(nextStatus('failed', 'cancelled')).toBe('cancelled');
    });
  });

  describe('successVerdict', () => {
    const payment = { id: 'p1', status: 'pending' as PaymentStatus, amount: 4999, currency: 'EUR' };
    const payable = { status: 'payable' as const, paidByPaymentId: null };

    it('accepts the amount and currency that were due', () => {
      expect(successVerdict({ payment, received: { amount: 4999, currency: 'eur' }, payable })).toEqual({ outcome: 'accept' });
    });

    it('accepts a success after a failed attempt or a cancellation (money captured is never ignored)', () => {
      for (const status of ['failed', 'cancelled', 'creating'] as PaymentStatus[]) {
        expect(successVerdict({ payment: { ...payment, status }, received: { amount: 4999, currency: 'EUR' }, payable }).outcome).toBe('accept');
      }
    });

    it('does nothing for a payment already captured', () => {
      expect(successVerdict({ payment: { ...payment, status: 'succeeded' }, received: { amount: 4999, currency: 'EUR' }, payable })).toEqual({ outcome: 'none' });
    });

    it('flags another amount, keeping what was captured', () => {
      expect(successVerdict({ payment, received: { amount: 100, currency: 'EUR' }, payable })).toEqual({
        outcome: 'flag',
        reason: 'captured 100 EUR but 4999 EUR was due',
        capturedAmount: 100,
        unwanted: false,
      });
    });

    it('flags another currency, with nothing refundable in ours', () => {
      expect(successVerdict({ payment, received: { amount: 4999, currency: 'usd' }, payable })).toMatchObject({ outcome: 'flag', capturedAmount: 0 });
    });

    it('flags money for a cancelled order or an order paid by another payment as unwanted, to be refunded', () => {
      const received = { amount: 4999, currency: 'EUR' };
      expect(successVerdict({ payment, received, payable: { status: 'cancelled', paidByPaymentId: null } })).toMatchObject({
        outcome: 'flag',
        reason: 'the order was cancelled',
        unwanted: true,
      });
      expect(successVerdict({ payment, received, payable: { status: 'paid', paidByPaymentId: 'p2' } })).toMatchObject({ outcome: 'flag', unwanted: true });
    });

    it('leaves money without a payable order to a human', () => {
      const received = { amount: 4999, currency: 'EUR' };
      expect(successVerdict({ payment, received, payable: null })).toMatchObject({ outcome: 'flag', unwanted: false });
    });

    it('gives back a mismatched capture for a cancelled order too', () => {
      const cancelled = { status: 'cancelled' as const, paidByPaymentId: null };
      expect(successVerdict({ payment, received: { amount: 100, currency: 'EUR' }, payable: cancelled })).toMatchObject({
        outcome: 'flag',
        capturedAmount: 100,
        unwanted: true,
      });
    });
  });

  it('knows which payments are still open', () => {
    expect(['creating', 'pending', 'failed'].every((s) => isOpen(s as PaymentStatus))).toBe(true);
    expect(['succeeded', 'refunded', 'cancelled', 'flagged'].some((s) => isOpen(s as PaymentStatus))).toBe(false);
  });
});
