import type { PostalAddress } from '../cart/cart.events';
import type { OrderLineFact } from './orders.events';
import type { HistoryRow, OrderRow } from './order-store';
import type { OrderAddressDto, OrderDto, OrderSummaryDto } from './dto/order.dto';

const iso = (date: Date | string | null): string | null => (date === null ? null : new Date(date).toISOString());

export function presentSummary(order: Pick<OrderRow, 'id' | 'number' | 'status' | 'customerId' | 'email' | 'totalAmount' | 'currency' | 'paymentStatus' | 'placedAt'>): OrderSummaryDto {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customerId: order.customerId,
    email: order.email,
    total: { amount: order.totalAmount, currency: order.currency },
    paymentStatus: order.paymentStatus,
    placedAt: iso(order.placedAt)!,
  };
}

/** Every field of the address, the optional ones null when not given. */
const presentAddress = (address: PostalAddress): OrderAddressDto => ({
  ...address,
  line2: address.line2 ?? null,
  region: address.region ?? null,
  phone: address.phone ?? null,
});

/** The order as its owner sees it; staff also see who (which user or payment) made each change. */
export function presentOrder(order: OrderRow, lines: OrderLineFact[], history: HistoryRow[], forStaff: boolean): OrderDto {
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    ...presentSummary(order),
    lines,
    subtotal: money(order.subtotalAmount),
    shipping: money(order.shippingAmount),
    tax: money(order.taxAmount),
    taxIncluded: order.taxIncluded,
    shippingMethod: order.shippingMethod,
    shippingAddress: presentAddress(order.shippingAddress),
    trackingNumber: order.trackingNumber,
    payment: {
      status: order.paymentStatus,
      paymentId: order.paymentId,
      refunded: money(order.refundedAmount),
      paidAt: iso(order.paidAt),
    },
    history: history.map((h) => ({
      kind: h.kind,
      from: h.fromStatus,
      to: h.toStatus,
      actor: h.actor,
      ...(forStaff ? { actorId: h.actorId } : {}),
      note: h.note,
      at: iso(h.createdAt)!,
    })),
    cancelledAt: iso(order.cancelledAt),
    updatedAt: iso(order.updatedAt)!,
  };
}
