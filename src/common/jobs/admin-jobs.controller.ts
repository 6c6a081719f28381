import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { AdminOnly } from '../auth/auth.decorators';
import { NotFoundError } from '../errors/domain-error';
import { ApiProblems } from '../http/api-problems.decorator';
import { HandlerRegistry } from '../events/handler-registry';
import { Queues } from './queues';

class FailedJobsQueryDto {
  @ApiPropertyOptional({ description: 'Only this module queue, e.g. `notifications`' })
  @IsOptional() @IsString() @Matches(/^[a-z]+$/)
  queue?: string;
}

class FailedJobDto {
  @ApiProperty() queue: string;
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Subscriber or job name' }) name: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty() failedReason: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

class FailedJobListDto {
  @ApiProperty({ type: [FailedJobDto] }) items: FailedJobDto[];
}

/** The dead letters: jobs that exhausted their retries, and a way to run them again. */
@ApiTags('admin: jobs')
@AdminOnly()
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(
    private readonly queues: Queues,
    private readonly handlers: HandlerRegistry,
  ) {}

  @Get('failed')
  @ApiOkResponse({ type: FailedJobListDto })
  @ApiProblems(400, 404)
  async failed(@Query() query: FailedJobsQueryDto): Promise<FailedJobListDto> {
    // Only known queues: `Queues.get` keeps every queue it is asked for.
    if (query.queue && !this.handlers.queues().includes(query.queue)) throw new NotFoundError('Queue');
    const names = query.queue ? [query.queue] : this.handlers.queues();
    const items: FailedJobDto[] = [];
    for (const queue of names) {
      for (const job of await this.queues.get(queue).getFailed(0, 99)) {
        items.push({
          queue,
          id: String(job.id),
          name: job.name,
          attemptsMade: job.attemptsMade,
          failedReason: job.failedReason,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        });
      }
    }
    return { items };
  }

  @Post(':queue/:id/retry')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The job is queued again' })
  @ApiProblems(404)
  async retry(@Param('queue') queue: string, @Param('id') id: string): Promise<void> {
    if (!this.handlers.queues().includes(queue)) throw new NotFoundError('Queue');
    const job = await this.queues.get(queue).getJob(id);
    if (!job || !(await job.isFailed())) throw new NotFoundError('Failed job');
    await job.retry('failed');
  }
}
