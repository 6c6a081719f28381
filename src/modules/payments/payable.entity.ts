import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PayableStatus } from './payment-state';

/** What is payable per order: a projection of the orders module's events (no call back to orders). */
@Entity({ schema: 'payments', name: 'payables' })
@Index('payables_customer_idx', ['customerId'])
export class Payable {
  @PrimaryColumn('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('integer') amount: number;
  @Column('text') currency: string;
  @Column('text') status: PayableStatus;
  /** The payment that paid the order; another capture for the same order is flagged. */
  @Column('uuid', { nullable: true }) paidByPaymentId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
