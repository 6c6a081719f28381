import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { NotFoundError } from '../../common/errors/domain-error';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam, ParseIdPipe } from '../../common/http/id-param';
import { Idempotent } from '../../common/http/idempotency';
import { CreatePaymentService } from './create-payment.service';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { PaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

export const paymentIdPipe = new ParseIdPipe({ exceptionFactory: () => new NotFoundError('Payment', 'PAYMENTS.PAYMENT_NOT_FOUND') });

@ApiTags('payments')
@Controller('payments')
@Authenticated()
export class PaymentsController {
  constructor(
    private readonly creator: CreatePaymentService,
    private readonly payments: PaymentsService,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Pay one of your orders',
    description:
      'Amount and currency come from the order, never from the request. `stripe` creates a Stripe PaymentIntent and answers its ' +
      '`clientSecret` for Stripe.js; it is offered only when the store has Stripe keys (422 `PAYMENTS.PROVIDER_NOT_CONFIGURED` ' +
      'otherwise, only `manual` is available). `manual` (bank transfer, cash on delivery) stays `pending` until staff confirm it. ' +
      'A second attempt for the same order with the same provider answers the open payment (the same intent) instead of a new one; ' +
      'with the other provider it replaces it. 404 for an order that is not yours; 409 `PAYMENTS.ORDER_ALREADY_PAID` or ' +
      '`PAYMENTS.ORDER_NOT_PAYABLE` (cancelled); 503 `PAYMENTS.PROVIDER_UNAVAILABLE` when Stripe cannot be reached (retry with the same key).',
  })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiProblems(404, 409, 422, 503)
  async create(@CurrentUser() user: Principal, @Body() body: CreatePaymentDto): Promise<PaymentDto> {
    return PaymentDto.from(await this.creator.create(user, body.orderId, body.provider));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your payments' })
  @ApiOkResponse({ type: PaymentDto })
  @ApiProblems(404)
  async get(@CurrentUser() user: Principal, @IdParam('id', paymentIdPipe) id: string): Promise<PaymentDto> {
    return PaymentDto.from(await this.payments.findOwned(user.userId, id));
  }
}
