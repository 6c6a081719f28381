import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReservationState } from './reservation-rules';

/** An order's hold on a SKU. Keyed by (order, SKU): what makes every primitive idempotent per order. */
@Entity({ schema: 'inventory', name: 'reservations' })
@Check('reservations_quantity_positive', '"quantity" > 0')
@Check('reservations_restocked_within_quantity', '"restocked_quantity" >= 0 AND "restocked_quantity" <= "quantity"')
@Check('reservations_state_known', `"state" IN ('reserved', 'released', 'sold')`)
export class Reservation {
  @PrimaryColumn('uuid') orderId: string;
  @PrimaryColumn('text') sku: string;
  @Column('integer') quantity: number;
  @Column('integer', { default: 0 }) restockedQuantity: number;
  @Column('text') state: ReservationState;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
