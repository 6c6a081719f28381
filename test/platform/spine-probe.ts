import { Controller, Injectable, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { DomainEvent } from '../../src/common/events/domain-event';
import { EventBus } from '../../src/common/events/event-bus';
import { OnEvent, OnEventAsync, OnEventBatch, OnJob } from '../../src/common/events/event-handler.decorators';

export class ProbeHappened extends DomainEvent<{ failTimes?: number; batchFailTimes?: number; explodeInTransaction?: boolean }> {
  static override readonly eventName = 'probe.probe-happened';
}

/** Records what the spine delivers, and fails on demand. */
@Injectable()
export class SpineProbe {
  readonly deliveries = new Map<string, number>();
  readonly attempts = new Map<string, number>();
  readonly correlationIds = new Map<string, string>();
  failForever = false;

  @OnEvent(ProbeHappened)
  async inTransaction(event: ProbeHappened, tx: EntityManager): Promise<void> {
    await tx.query('SELECT 1');
    if (event.payload.explodeInTransaction) throw new Error('in-transaction subscriber refused');
  }

  @OnEventAsync(ProbeHappened)
  async afterCommit(event: ProbeHappened): Promise<void> {
    const attempt = (this.attempts.get(event.id) ?? 0) + 1;
    this.attempts.set(event.id, attempt);
    if (this.failForever || attempt <= (event.payload.failTimes ?? 0)) throw new Error(`attempt ${attempt} fails`);
    this.deliveries.set(event.id, (this.deliveries.get(event.id) ?? 0) + 1);
    this.correlationIds.set(event.id, event.correlationId);
  }

  readonly batchDeliveries = new Map<string, number>();
  readonly batchAttempts = new Map<string, number>();
  /** Probe jobs run, by their `mark`, with the id and delay BullMQ gave them. */
  readonly jobRuns = new Map<string, { runs: number; jobId?: string; delay: number }>();

  /** Fails the whole batch while any of its events asks to fail. */
  @OnEventBatch(ProbeHappened)
  async afterCommitBatch(events: ProbeHappened[]): Promise<void> {
    let failing = false;
    for (const event of events) {
      const attempt = (this.batchAttempts.get(event.id) ?? 0) + 1;
      this.batchAttempts.set(event.id, attempt);
      failing ||= attempt <= (event.payload.batchFailTimes ?? 0);
    }
    if (failing) throw new Error('batch fails');
    for (const event of events) this.batchDeliveries.set(event.id, (this.batchDeliveries.get(event.id) ?? 0) + 1);
  }

  @OnJob('probe-job')
  async probeJob(data: { mark: string }, job: Job): Promise<void> {
    const runs = (this.jobRuns.get(data.mark)?.runs ?? 0) + 1;
    this.jobRuns.set(data.mark, { runs, jobId: job.id, delay: job.opts.delay ?? 0 });
  }
}

@Controller('probe')
export class SpineProbeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  @Post()
  async publish(): Promise<{ eventId: string }> {
    const event = new ProbeHappened({});
    await this.dataSource.transaction((tx) => this.events.publish(tx, event));
    return { eventId: event.id };
  }
}

@Module({ providers: [SpineProbe], controllers: [SpineProbeController] })
export class SpineProbeModule {}

@Module({ imports: [AppModule, SpineProbeModule] })
export class AppWithProbeModule {}
