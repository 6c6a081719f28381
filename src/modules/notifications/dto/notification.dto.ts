import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { MESSAGE_STATUSES, type MailTransportKind, type MessageStatus } from '../notification-message.entity';
import { TEMPLATE_NAMES } from '../message-catalog';

/** One message of the log, as staff see it (never a body or a token). */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TEMPLATE_NAMES, example: 'order-receipt' }) template: string;
  @ApiProperty({ type: String, nullable: true, example: 'ada@example.com', description: 'null once the recipient was erased' })
  recipient: string | null;
  @ApiProperty({ example: 'Receipt for your order EMP-1042' }) subject: string;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status: MessageStatus;
  @ApiProperty({ description: 'Delivery attempts so far', example: 1 }) attempts: number;
  @ApiProperty({ type: String, nullable: true, example: 'connect ECONNREFUSED 127.0.0.1:25' }) lastError: string | null;
  @ApiProperty({ enum: ['smtp', 'log'], nullable: true, description: '`log` when no SMTP_URL is configured' })
  transport: MailTransportKind | null;
  @ApiProperty({ format: 'uuid', description: 'The event that asked for the message' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a UUID' })
  id: string;
}
