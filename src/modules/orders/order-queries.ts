import { encodeCursor, Page } from '../../common/http/pagination';
import type { OrderRow } from './order-store';
import type { OrderSummaryDto } from './dto/order.dto';
import { presentSummary } from './order-presenter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

export const SUMMARY_COLUMNS = `id, number, status, customer_id AS "customerId", email, total_amount AS "totalAmount",
  currency, payment_status AS "paymentStatus", placed_at AS "placedAt"`;

/** `rows` were fetched with limit + 1 to know whether a next page exists. */
export function toPage(rows: OrderRow[], limit: number): Page<OrderSummaryDto> {
  const items = rows.slice(0, limit).map(presentSummary);
  const nextCursor = rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null;
  return { items, nextCursor };
}
