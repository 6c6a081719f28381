import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AdminJobsController } from '../jobs/admin-jobs.controller';
import { JobWorkers } from '../jobs/job-workers';
import { JobsService } from '../jobs/jobs.service';
import { Queues } from '../jobs/queues';
import { EventBus } from './event-bus';
import { OutboxWriter } from './outbox-writer';
import { HandlerRegistry } from './handler-registry';
import { OutboxRelay } from './outbox-relay';
import { PurgeRelayedEventsProcessor } from './purge-relayed-events.processor';

/** The spine of section 3 of ARCHITECTURE.md: publish, outbox, relay, queues, workers. */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AdminJobsController],
  providers: [HandlerRegistry, OutboxWriter, EventBus, Queues, JobsService, OutboxRelay, JobWorkers, PurgeRelayedEventsProcessor],
  exports: [EventBus, OutboxWriter, JobsService, Queues, OutboxRelay, JobWorkers, HandlerRegistry],
})
export class EventsModule {}
