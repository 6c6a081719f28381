import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/**
 * Money sent back. A row is written `pending` before the provider is called, so a crash or a
 * timeout can be retried with the same provider idempotency key (derived from the id).
 */
@Entity({ schema: 'payments', name: 'refunds' })
@Index('refunds_request_key', ['paymentId', 'requestKey'], { unique: true })
@Index('refunds_provider_ref_key', ['providerRef'], { unique: true, where: 'provider_ref IS NOT NULL' })
@Index('refunds_pending_idx', ['createdAt'], { where: `status = 'pending'` })
@Check('refunds_amount_check', 'amount > 0')
export class Refund {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') paymentId: string;
  @Column('uuid') orderId: string;
  @Column('integer') amount: number;
  @Column('text') currency: string;
  @Column('text') status: RefundStatus;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('boolean', { default: false }) restock: boolean;
  /** What makes a request idempotent: the admin's Idempotency-Key, or the event that caused it. */
  @Column('text') requestKey: string;
  /** The admin's user id, or `system`. */
  @Column('text') requestedBy: string;
  /** The Stripe refund id. */
  @Column('text', { nullable: true }) providerRef: string | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
