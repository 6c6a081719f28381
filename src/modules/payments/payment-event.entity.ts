import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PaymentEventType =
  | 'created'
  | 'intent_created'
  | 'status_changed'
  | 'flagged'
  | 'refund_requested'
  | 'refund_succeeded'
  | 'refund_failed';

export type PaymentEventSource = 'customer' | 'admin' | 'stripe_webhook' | 'reconciliation' | 'order_cancelled' | 'system';

/** The audit trail of a payment: every state change, who or what caused it, and the provider's evidence. */
@Entity({ schema: 'payments', name: 'payment_events' })
@Index('payment_events_payment_idx', ['paymentId', 'occurredAt'])
export class PaymentEvent {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') paymentId: string;
  @Column('text') type: PaymentEventType;
  @Column('text', { nullable: true }) fromStatus: string | null;
  @Column('text', { nullable: true }) toStatus: string | null;
  @Column('text') source: PaymentEventSource;
  @Column('text', { nullable: true }) stripeEventId: string | null;
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
  @Column('timestamptz', { default: () => 'now()' }) occurredAt: Date;
}
