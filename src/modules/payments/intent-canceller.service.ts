import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Payment } from './payment.entity';
import type { PaymentEventSource } from './payment-event.entity';
import { PaymentTransitions } from './payment-transitions.service';
import { StripeGateway } from './stripe.gateway';

/**
 * Cancels a payment's Stripe intent (outside any transaction), then records what Stripe answered.
 * An intent that was paid meanwhile comes back `succeeded` and is applied as such.
 */
@Injectable()
export class IntentCanceller {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: StripeGateway,
    private readonly transitions: PaymentTransitions,
  ) {}

  async cancel(paymentId: string, source: PaymentEventSource): Promise<void> {
    const payment = await this.dataSource.getRepository(Payment).findOneBy({ id: paymentId });
    if (!payment?.providerRef || !this.gateway.enabled) return;
    const intent = await this.gateway.cancelIntent(payment.providerRef);
    await this.dataSource.transaction(async (tx) => {
      const locked = await this.transitions.lock(tx, paymentId);
      if (locked) await this.transitions.applyIntent(tx, locked, intent, { source });
    });
  }
}
