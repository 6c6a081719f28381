import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { configProvider } from '../../common/config/config.providers';
import { AccountMailListener } from './account-mail.listener';
import { AdminNotificationsController } from './admin-notifications.controller';
import { AdminNotificationsService } from './admin-notifications.service';
import { MailDelivery } from './mail-delivery';
import { MailRenderer } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { MessageLogService } from './message-log.service';
import { NotificationsConfig } from './notifications.config';
import { OrderContactsListener } from './order-contacts.listener';
import { OrderMailListener } from './order-mail.listener';
import { OutgoingMailService } from './outgoing-mail.service';
import { PersonalDataListener } from './personal-data.listener';
import { SendEmailProcessor } from './send-email.processor';
import { StockAlertListener } from './stock-alert.listener';

/** E-mail to customers and staff, driven by other modules' events (queue `notifications`). */
@Module({
  controllers: [AdminNotificationsController],
  providers: [
    configProvider(NotificationsConfig),
    {
      provide: MailRenderer,
      inject: [NotificationsConfig],
      // The build copies templates/** next to the compiled module.
      useFactory: (config: NotificationsConfig) =>
        new MailRenderer({
          templatesDir: join(__dirname, 'templates'),
          storefrontUrl: config.PUBLIC_STOREFRONT_URL,
          locale: config.STORE_LOCALE,
          currency: config.STORE_CURRENCY,
        }),
    },
    MailTransport,
    MailDelivery,
    OutgoingMailService,
    MessageLogService,
    SendEmailProcessor,
    AccountMailListener,
    OrderMailListener,
    OrderContactsListener,
    StockAlertListener,
    PersonalDataListener,
    AdminNotificationsService,
  ],
})
export class NotificationsModule {}
