import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PaymentProvider } from './payments.events';
import type { PaymentStatus } from './payment-state';

/** One attempt to pay an order through one provider. Amount and currency come from the payable, never the client. */
@Entity({ schema: 'payments', name: 'payments' })
@Index('payments_one_open_per_order', ['orderId'], { unique: true, where: `status IN ('creating', 'pending', 'failed')` })
@Index('payments_provider_ref_key', ['providerRef'], { unique: true, where: 'provider_ref IS NOT NULL' })
@Index('payments_customer_idx', ['customerId', 'createdAt'])
@Index('payments_order_idx', ['orderId'])
@Index('payments_status_idx', ['status', 'createdAt'])
@Check('payments_amounts_check', 'amount > 0 AND amount_refunded >= 0 AND amount_refunded <= amount_captured')
export class Payment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') orderId: string;
  @Column('uuid') customerId: string;
  @Column('text') provider: PaymentProvider;
  @Column('text') status: PaymentStatus;
  @Column('integer') amount: number;
  @Column('text') currency: string;
  /** What the provider captured (0 until it did). */
  @Column('integer', { default: 0 }) amountCaptured: number;
  @Column('integer', { default: 0 }) amountRefunded: number;
  /** The Stripe PaymentIntent id. */
  @Column('text', { nullable: true }) providerRef: string | null;
  @Column('text', { nullable: true }) clientSecret: string | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  /** Why a capture was not accepted (amount or currency mismatch, order cancelled or already paid). */
  @Column('text', { nullable: true }) flagReason: string | null;
  @Column('timestamptz', { nullable: true }) succeededAt: Date | null;
  /** When reconciliation last asked the provider about this payment. */
  @Column('timestamptz', { nullable: true }) reconciledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
