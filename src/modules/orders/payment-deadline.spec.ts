import { decideExpiry, expiryJobId } from './payment-deadline';

const now = new Date('2030-01-10T12:00:00.000Z');
const later = new Date('2030-01-13T12:00:00.000Z');
const earlier = new Date('2030-01-10T11:59:59.000Z');
const pending = (paymentDueAt: Date | null) => ({ status: 'pending_payment' as const, paymentDueAt });

describe('payment deadline', () => {
  it('cancels a pending order without a later deadline when the card timeout is up', () => {
    expect(decideExpiry(pending(null), null, now)).toEqual({ action: 'cancel' });
  });

  it('checks again at a manual payment deadline that is still ahead', () => {
    expect(decideExpiry(pending(later), null, now)).toEqual({ action: 'check_again', at: later, delayMs: 72 * 3_600_000 });
  });

  it('cancels once the manual payment deadline has passed', () => {
    expect(decideExpiry(pending(earlier), null, now)).toEqual({ action: 'cancel' });
    expect(decideExpiry(pending(now), later, now)).toEqual({ action: 'cancel' });
  });

  it('cancels when the job for that very deadline runs a moment early', () => {
    const due = new Date(now.getTime() + 5);
    expect(decideExpiry(pending(due), due, now)).toEqual({ action: 'cancel' });
  });

  it('follows a deadline moved later than the one the job was scheduled for', () => {
    expect(decideExpiry(pending(later), earlier, now)).toEqual({ action: 'check_again', at: later, delayMs: later.getTime() - now.getTime() });
  });

  it('leaves an order that is no longer pending alone', () => {
    for (const status of ['paid', 'cancelled', 'shipped'] as const) {
      expect(decideExpiry({ status, paymentDueAt: null }, null, now)).toEqual({ action: 'leave' });
      expect(decideExpiry({ status, paymentDueAt: earlier }, null, now)).toEqual({ action: 'leave' });
    }
  });

  it('derives a job id per order and deadline without colons', () => {
    const orderId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(expiryJobId(orderId, null)).toBe(`expire-${orderId}`);
    expect(expiryJobId(orderId, later)).toBe(`expire-${orderId}-${later.getTime()}`);
    expect(expiryJobId(orderId, later)).not.toContain(':');
  });
});
