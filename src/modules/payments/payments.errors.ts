import { DomainError } from '../../common/errors/domain-error';

export class OrderNotPayableError extends DomainError {
  constructor(status: string) {
    super('conflict', 'PAYMENTS.ORDER_NOT_PAYABLE', 'This order cannot be paid', { orderStatus: status });
  }
}

export class OrderAlreadyPaidError extends DomainError {
  constructor() {
    super('conflict', 'PAYMENTS.ORDER_ALREADY_PAID', 'This order is already paid');
  }
}

export class ProviderNotConfiguredError extends DomainError {
  constructor(provider: string) {
    super(
      'unprocessable',
      'PAYMENTS.PROVIDER_NOT_CONFIGURED',
      `The ${provider} provider is not configured on this store; use "manual"`,
      { availableProviders: ['manual'] },
    );
  }
}

export class PaymentNotConfirmableError extends DomainError {
  constructor(provider: string, status: string) {
    super('conflict', 'PAYMENTS.NOT_CONFIRMABLE', 'Only a pending manual payment can be confirmed', {
      provider,
      paymentStatus: status,
    });
  }
}

export class PaymentNotRefundableError extends DomainError {
  constructor(status: string) {
    super('conflict', 'PAYMENTS.NOT_REFUNDABLE', 'No money was captured for this payment', { paymentStatus: status });
  }
}

export class RefundExceedsCapturedError extends DomainError {
  constructor(refundable: number, currency: string) {
    super('conflict', 'PAYMENTS.REFUND_EXCEEDS_CAPTURED', 'The refund exceeds what is left of the captured amount', {
      refundable: { amount: refundable, currency },
    });
  }
}

export class RefundFailedError extends DomainError {
  constructor(reason: string) {
    super('unprocessable', 'PAYMENTS.REFUND_FAILED', `The provider refused the refund: ${reason}`);
  }
}

/** Stripe could not be reached or answered 5xx after the SDK's retries; retrying the request is safe. */
export class ProviderUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'PAYMENTS.PROVIDER_UNAVAILABLE', 'The payment provider is unavailable; retry the request with the same Idempotency-Key');
  }
}

/** Stripe refused the request (a 4xx): retrying it unchanged will not help. */
export class ProviderRejectedError extends DomainError {
  constructor(reason: string) {
    super('unprocessable', 'PAYMENTS.PROVIDER_REJECTED', `The payment provider refused the request: ${reason}`);
  }
}

export class WebhookSignatureError extends DomainError {
  constructor() {
    super('invalid', 'PAYMENTS.WEBHOOK_SIGNATURE_INVALID', 'The Stripe-Signature header does not verify this body');
  }
}

export class WebhookNotConfiguredError extends DomainError {
  constructor() {
    super('unavailable', 'PAYMENTS.WEBHOOK_NOT_CONFIGURED', 'Stripe webhooks are not configured on this store');
  }
}
