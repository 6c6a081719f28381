import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { StockLow } from '../inventory/inventory.events';
import { NotificationsConfig } from './notifications.config';
import { OutgoingMailService } from './outgoing-mail.service';

/**
 * Tells the shop's staff (ADMIN_ALERT_EMAIL) when a SKU runs low; no address, no alert.
 * Repeatable: a second delivery of an event records no second message (OutgoingMailService).
 */
@Injectable()
export class StockAlertListener {
  constructor(
    private readonly mail: OutgoingMailService,
    private readonly config: NotificationsConfig,
  ) {}

  @OnEventAsync(StockLow, { repeatable: true })
  async onStockLow(event: StockLow, db: EntityManager): Promise<void> {
    const to = this.config.ADMIN_ALERT_EMAIL;
    if (!to) return;
    const { sku, available, reorderLevel } = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'stock-low',
      to,
      userId: null,
      context: { sku, available, reorderLevel },
    });
  }
}
