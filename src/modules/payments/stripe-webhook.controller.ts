import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { SkipGlobalRateLimit } from '../../common/http/rate-limit';
import { WebhookReceiptDto } from './dto/admin-payment.dto';
import { StripeWebhookService } from './stripe-webhook.service';

/**
 * Called by Stripe, not by users: no bearer token, the signature is the authentication. Outside the
 * instance-wide per-IP limit: Stripe sends every shop's events from a few addresses, and a refused
 * delivery only comes back later, delaying the orders it confirms.
 */
@ApiTags('payments')
@SkipGlobalRateLimit()
@Controller('payments/webhooks')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post('stripe')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stripe webhook endpoint',
    description:
      'For Stripe only. The `Stripe-Signature` header is verified over the raw body with `STRIPE_WEBHOOK_SECRET` ' +
      '(timestamps older than 5 minutes are refused); 400 `PAYMENTS.WEBHOOK_SIGNATURE_INVALID` otherwise, with no effect. ' +
      'Each event id is processed once (a redelivery answers 200 `duplicate: true`). Handles `payment_intent.succeeded`, ' +
      '`payment_intent.payment_failed`, `payment_intent.canceled` and `charge.refunded`; other types are acknowledged and ignored. ' +
      '503 `PAYMENTS.WEBHOOK_NOT_CONFIGURED` when the store has no webhook secret.',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: '`t=<unix seconds>,v1=<HMAC-SHA256>` as Stripe sends it' })
  @ApiBody({ description: 'A Stripe event object, exactly as Stripe sent it', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: WebhookReceiptDto })
  @ApiProblems(400, 503)
  async stripe(
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookReceiptDto> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
