import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error';
import { Payment } from './payment.entity';

/** The customer's reads: scoped by owner in the query itself (someone else's payment is a 404). */
@Injectable()
export class PaymentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findOwned(customerId: string, paymentId: string): Promise<Payment> {
    const payment = await this.dataSource.getRepository(Payment).findOneBy({ id: paymentId, customerId });
    if (!payment) throw new NotFoundError('Payment', 'PAYMENTS.PAYMENT_NOT_FOUND');
    return payment;
  }
}
