import type { OrderCancelled, OrderFacts } from '../orders/orders.events';

/** What the order templates show of an order (no address beyond the name on it). */
export function orderContext(order: OrderFacts): Record<string, unknown> {
  return {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    customerName: order.shippingAddress.fullName,
    lines: order.lines.map(({ name, sku, quantity, unitPrice, lineTotal }) => ({ name, sku, quantity, unitPrice, lineTotal })),
    subtotal: order.subtotal,
    shipping: order.shipping,
    tax: order.tax,
    total: order.total,
  };
}

const CANCEL_REASONS: Record<OrderCancelled['payload']['reason'], string> = {
  customer: 'at your request',
  admin: 'by our team',
  payment_timeout: 'because the payment did not arrive in time',
};

export const cancellationReason = (reason: OrderCancelled['payload']['reason']): string =>
  CANCEL_REASONS[reason] ?? 'by our team';
