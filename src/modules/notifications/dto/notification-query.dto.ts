import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { MESSAGE_STATUSES, type MessageStatus } from '../notification-message.entity';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES, description: 'Only messages in this state' })
  @IsOptional() @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;

  @ApiPropertyOptional({ example: 'ada@example.com', description: 'Only messages to this address (case-insensitive)' })
  @IsOptional() @IsEmail()
  recipient?: string;
}
