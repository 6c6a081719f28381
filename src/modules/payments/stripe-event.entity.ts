import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every Stripe event id we processed, written in the same transaction as its effect: each is processed once. */
@Entity({ schema: 'payments', name: 'stripe_events' })
export class StripeEvent {
  @PrimaryColumn('text') id: string;
  @Column('text') type: string;
  @Column('uuid', { nullable: true }) paymentId: string | null;
  /** `applied`, `flagged`, `unchanged` or `ignored`. */
  @Column('text') outcome: string;
  @Column('timestamptz', { default: () => 'now()' }) receivedAt: Date;
}
