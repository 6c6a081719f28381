import { Module } from '@nestjs/common';
import { configProvider } from '../../common/config/config.providers';
import { AdminOrdersController } from './admin-orders.controller';
import { AdminOrdersService } from './admin-orders.service';
import { OnCheckoutRequestedListener } from './on-checkout-requested.listener';
import { OnManualPaymentRequestedListener } from './on-manual-payment-requested.listener';
import { OnPaymentEventsListener } from './on-payment-events.listener';
import { OnUserErasedListener } from './on-user-erased.listener';
import { OrderStore } from './order-store';
import { OrderTransitions } from './order-transitions.service';
import { OrdersConfig } from './orders.config';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PaymentTimeoutProcessor } from './payment-timeout.processor';
import { SalesReportService } from './sales-report.service';

/** Orders, their process and history, and sales reporting (schema `orders`). */
@Module({
  controllers: [OrdersController, AdminOrdersController],
  providers: [
    configProvider(OrdersConfig),
    OrderStore,
    OrderTransitions,
    OrdersService,
    AdminOrdersService,
    SalesReportService,
    OnCheckoutRequestedListener,
    OnPaymentEventsListener,
    OnManualPaymentRequestedListener,
    OnUserErasedListener,
    PaymentTimeoutProcessor,
  ],
})
export class OrdersModule {}
