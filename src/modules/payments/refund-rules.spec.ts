import { decideRefund, refundableAmount, statusAfterRefund } from './refund-rules';

describe('refund rules', () => {
  const paid = { status: 'succeeded', amountCaptured: 5000, amountRefunded: 0 };

  it('refunds everything left when no amount is asked', () => {
    expect(decideRefund(paid, 0)).toEqual({ ok: true, amount: 5000 });
    expect(decideRefund({ ...paid, amountRefunded: 2000 }, 0)).toEqual({ ok: true, amount: 3000 });
  });

  it('allows partial refunds up to what was captured, in total', () => {
    expect(decideRefund({ ...paid, amountRefunded: 4000 }, 0, 1000)).toEqual({ ok: true, amount: 1000 });
    expect(decideRefund({ ...paid, amountRefunded: 4000 }, 0, 1001)).toEqual({ ok: false, reason: 'exceeds_refundable', refundable: 1000 });
    expect(decideRefund({ ...paid, status: 'refunded', amountRefunded: 5000 }, 0, 1)).toEqual({ ok: false, reason: 'nothing_left', refundable: 0 });
  });

  it('counts refunds still in flight', () => {
    expect(refundableAmount(paid, 1500)).toBe(3500);
    expect(decideRefund(paid, 1500, 3501)).toMatchObject({ ok: false, refundable: 3500 });
  });

  it('refuses payments that captured nothing', () => {
    for (const status of ['pending', 'creating', 'failed', 'cancelled']) {
      expect(decideRefund({ ...paid, status, amountCaptured: 0 }, 0)).toEqual({ ok: false, reason: 'not_captured', refundable: 0 });
    }
  });

  it('refunds what a flagged payment captured', () => {
    expect(decideRefund({ status: 'flagged', amountCaptured: 100, amountRefunded: 0 }, 0)).toEqual({ ok: true, amount: 100 });
  });

  it('marks a succeeded payment refunded once everything went back', () => {
    expect(statusAfterRefund('succeeded', 5000, 4999)).toBe('succeeded');
    expect(statusAfterRefund('succeeded', 5000, 5000)).toBe('refunded');
    expect(statusAfterRefund('flagged', 100, 100)).toBe('flagged');
  });
});
