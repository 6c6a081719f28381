import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../common/auth/auth.decorators';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { AdminNotificationsService } from './admin-notifications.service';
import { NotificationDto, NotificationIdParam, NotificationPageDto } from './dto/notification.dto';
import { NotificationQueryDto } from './dto/notification-query.dto';

@ApiTags('admin: notifications')
@AdminOnly()
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly notifications: AdminNotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The message log: every e-mail with its template, recipient, status, attempts and last error' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400)
  list(@Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a failed message again, with a fresh set of delivery attempts' })
  @ApiAcceptedResponse({ type: NotificationDto, description: 'The message is queued again' })
  @ApiProblems(400, 404, 409)
  retry(@Param() params: NotificationIdParam): Promise<NotificationDto> {
    return this.notifications.retry(params.id);
  }
}
