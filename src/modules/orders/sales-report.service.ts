import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/domain-error';
import type { SalesReportDto, SalesReportQueryDto, TopProductDto } from './dto/sales-report.dto';
import { PAID_OR_LATER } from './order-status';
import { OrdersConfig } from './orders.config';

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** The first day PostgreSQL reads as a YYYY-MM-DD date: it has no year 0, which JavaScript has. */
const FIRST_DAY_MS = Date.parse('0001-01-01T00:00:00Z');

/** Midnight UTC of a YYYY-MM-DD day, NaN for a day that does not exist (2025-02-30, 0000-01-01). */
function parseDay(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return ms >= FIRST_DAY_MS && new Date(ms).toISOString().slice(0, 10) === day ? ms : NaN;
}

interface Range {
  from: string;
  to: string;
}

/**
 * Sales by day of payment (UTC): orders that were paid and are still paid or further along
 * (fulfilled, shipped, delivered); cancelled ones do not count. Amounts are order totals in
 * STORE_CURRENCY, before refunds.
 */
@Injectable()
export class SalesReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: OrdersConfig,
  ) {}

  async report(query: SalesReportQueryDto): Promise<SalesReportDto> {
    const range = this.range(query);
    const currency = this.config.STORE_CURRENCY;
    const money = (amount: number) => ({ amount, currency });
    const filter = `o.status = ANY($3::text[]) AND o.currency = $4
      AND o.paid_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
      AND o.paid_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`;
    const params = [range.from, range.to, PAID_OR_LATER, currency];
    const days = (await this.dataSource.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(s.orders, 0)::int AS orders, COALESCE(s.revenue, 0)::text AS revenue
       FROM (SELECT $1::date + i AS day FROM generate_series(0, $2::date - $1::date) AS i) d
       LEFT JOIN (
         SELECT (o.paid_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders, sum(o.total_amount) AS revenue
         FROM orders.orders o WHERE ${filter} GROUP BY 1
       ) s ON s.day = d.day
       ORDER BY d.day`,
      params,
    )) as { day: string; orders: number; revenue: string }[];
    const top = async (orderBy: string): Promise<TopProductDto[]> => {
      const rows = (await this.dataSource.query(
        `SELECT l.product_id AS "productId", (array_agg(l.name ORDER BY o.placed_at DESC))[1] AS name,
                sum(l.quantity)::text AS units, sum(l.line_total_amount)::text AS revenue
         FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
         WHERE ${filter}
         GROUP BY l.product_id ORDER BY ${orderBy}, l.product_id LIMIT $5`,
        [...params, query.top],
      )) as { productId: string; name: string; units: string; revenue: string }[];
      return rows.map((r) => ({ productId: r.productId, name: r.name, units: Number(r.units), revenue: money(Number(r.revenue)) }));
    };
    const byUnits = await top('sum(l.quantity) DESC, sum(l.line_total_amount) DESC');
    const byRevenue = await top('sum(l.line_total_amount) DESC, sum(l.quantity) DESC');
    return {
      ...range,
      currency,
      orders: days.reduce((sum, d) => sum + d.orders, 0),
      revenue: money(days.reduce((sum, d) => sum + Number(d.revenue), 0)),
      days: days.map((d) => ({ day: d.day, orders: d.orders, revenue: money(Number(d.revenue)) })),
      topProductsByUnits: byUnits,
      topProductsByRevenue: byRevenue,
    };
  }

  private range(query: SalesReportQueryDto): Range {
    const to = query.to ?? new Date().toISOString().slice(0, 10);
    const toMs = parseDay(to);
    if (Number.isNaN(toMs)) throw new ValidationFailedError([{ field: 'to', message: 'to is not a date' }]);
    const from = query.from ?? new Date(toMs - 29 * DAY_MS).toISOString().slice(0, 10);
    const fromMs = parseDay(from);
    const errors = [];
    if (Number.isNaN(fromMs)) errors.push({ field: 'from', message: 'from is not a date' });
    if (!errors.length && fromMs > toMs) errors.push({ field: 'from', message: 'from must not be after to' });
    if (!errors.length && (toMs - fromMs) / DAY_MS + 1 > MAX_DAYS) {
      errors.push({ field: 'to', message: `a report spans at most ${MAX_DAYS} days` });
    }
    if (errors.length) throw new ValidationFailedError(errors);
    return { from, to };
  }
}
