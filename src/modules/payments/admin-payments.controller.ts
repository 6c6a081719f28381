import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { Idempotent } from '../../common/http/idempotency';
import { AdminPaymentsService } from './admin-payments.service';
import { AdminPaymentDetailDto, AdminPaymentDto, AdminPaymentPageDto, AdminPaymentQueryDto } from './dto/admin-payment.dto';
import { CreateRefundDto, RefundDto } from './dto/refund.dto';
import { paymentIdPipe } from './payments.controller';
import { RefundsService } from './refunds.service';

@ApiTags('admin: payments')
@Controller('admin/payments')
@AdminOnly()
export class AdminPaymentsController {
  constructor(
    private readonly admin: AdminPaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Payments, newest first (filter `status=flagged` for those waiting for staff)' })
  @ApiOkResponse({ type: AdminPaymentPageDto })
  @ApiProblems(400)
  async list(@Query() query: AdminPaymentQueryDto): Promise<AdminPaymentPageDto> {
    const page = await this.admin.list(query);
    return { items: page.items.map((p) => AdminPaymentDto.from(p)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payment with its audit trail (every state change) and its refunds' })
  @ApiOkResponse({ type: AdminPaymentDetailDto })
  @ApiProblems(404)
  async get(@IdParam('id', paymentIdPipe) id: string): Promise<AdminPaymentDetailDto> {
    const { payment, events, refunds } = await this.admin.detail(id);
    return AdminPaymentDetailDto.detail(payment, events, refunds);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a manual payment (the transfer arrived, the cash was collected)',
    description: 'The payment succeeds and `payments.payment-succeeded` is published. 409 unless it is a pending manual payment of a payable order.',
  })
  @ApiOkResponse({ type: AdminPaymentDto })
  @ApiProblems(404, 409, 503)
  async confirm(@CurrentUser() user: Principal, @IdParam('id', paymentIdPipe) id: string): Promise<AdminPaymentDto> {
    return AdminPaymentDto.from(await this.admin.confirm(user.userId, id));
  }

  @Post(':id/refunds')
  @Idempotent()
  @ApiOperation({
    summary: 'Refund a payment, fully or partly',
    description:
      '`Idempotency-Key` is required: a retry with the same key never refunds twice (after a 503 it completes the same refund). ' +
      'Without `amount`, everything still refundable is refunded. The total never exceeds what was captured: 409 ' +
      '`PAYMENTS.REFUND_EXCEEDS_CAPTURED` (with `refundable`) otherwise, 409 `PAYMENTS.NOT_REFUNDABLE` when nothing was captured. ' +
      'Stripe payments are refunded through Stripe (idempotency key from our refund id); manual ones are recorded at once. ' +
      'Publishes `payments.refund-issued`. 422 `PAYMENTS.REFUND_FAILED` when Stripe refuses; 503 when it cannot be reached.',
  })
  @ApiCreatedResponse({ type: RefundDto })
  @ApiProblems(404, 409, 422, 503)
  async refund(
    @CurrentUser() user: Principal,
    @IdParam('id', paymentIdPipe) id: string,
    @Body() body: CreateRefundDto,
    @Headers('idempotency-key') key: string,
  ): Promise<RefundDto> {
    const refund = await this.refunds.issue(id, {
      amount: body.amount,
      reason: body.reason ?? null,
      restock: body.restock ?? false,
      requestKey: `${user.userId}:${key}`,
      requestedBy: user.userId,
      source: 'admin',
    });
    return RefundDto.from(refund);
  }
}
