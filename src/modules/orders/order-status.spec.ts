import { checkTransition, nextStatuses, ORDER_STATUSES, ORDER_TRANSITIONS, OrderActor } from './order-status';
import type { OrderStatus } from './orders.events';

const allowed = (from: OrderStatus, to: OrderStatus, actor: OrderActor) => checkTransition(from, to, actor).allowed;

describe('order status transitions', () => {
  it('follows the happy path pending_payment -> paid -> fulfilled -> shipped -> delivered', () => {
    expect(allowed('pending_payment', 'paid', 'payment')).toBe(true);
    expect(allowed('paid', 'fulfilled', 'admin')).toBe(true);
    expect(allowed('fulfilled', 'shipped', 'admin')).toBe(true);
    expect(allowed('shipped', 'delivered', 'admin')).toBe(true);
  });

  it('lets the customer, staff and the payment timeout cancel an unpaid order', () => {
    for (const actor of ['customer', 'admin', 'system'] as const) {
      expect(allowed('pending_payment', 'cancelled', actor)).toBe(true);
    }
    expect(allowed('pending_payment', 'cancelled', 'payment')).toBe(false);
  });

  it('lets only staff cancel a paid order', () => {
    expect(allowed('paid', 'cancelled', 'admin')).toBe(true);
    expect(checkTransition('paid', 'cancelled', 'customer')).toEqual({ allowed: false, reason: 'not_allowed_for_actor' });
    expect(allowed('paid', 'cancelled', 'system')).toBe(false);
  });

  it('refuses to cancel once fulfilled, shipped or delivered', () => {
    for (const from of ['fulfilled', 'shipped', 'delivered'] as const) {
      expect(checkTransition(from, 'cancelled', 'admin')).toEqual({ allowed: false, reason: 'illegal' });
      expect(allowed(from, 'cancelled', 'customer')).toBe(false);
    }
  });

  it('reaches paid only through a payment, never by staff or customers', () => {
    expect(checkTransition('pending_payment', 'paid', 'admin')).toEqual({ allowed: false, reason: 'not_allowed_for_actor' });
    expect(allowed('pending_payment', 'paid', 'customer')).toBe(false);
  });

  it('never skips a step or goes backwards', () => {
    expect(checkTransition('pending_payment', 'shipped', 'admin')).toEqual({ allowed: false, reason: 'illegal' });
    expect(checkTransition('paid', 'shipped', 'admin')).toEqual({ allowed: false, reason: 'illegal' });
    expect(checkTransition('shipped', 'paid', 'payment')).toEqual({ allowed: false, reason: 'illegal' });
    expect(checkTransition('delivered', 'shipped', 'admin')).toEqual({ allowed: false, reason: 'illegal' });
  });

  it('makes cancelled and delivered final', () => {
    for (const to of ORDER_STATUSES) {
      expect(allowed('cancelled', to, 'admin')).toBe(false);
      expect(allowed('delivered', to, 'admin')).toBe(false);
    }
  });

  it('has no self transitions', () => {
    for (const status of ORDER_STATUSES) expect(ORDER_TRANSITIONS[status][status]).toBeUndefined();
  });

  it('tells each actor where an order can go next', () => {
    expect(nextStatuses('pending_payment', 'admin')).toEqual(['cancelled']);
    expect(nextStatuses('paid', 'admin').sort()).toEqual(['cancelled', 'fulfilled']);
    expect(nextStatuses('paid', 'customer')).toEqual([]);
  });
});
