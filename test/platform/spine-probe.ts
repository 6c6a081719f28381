import { Controller, Injectable, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { DomainEvent } from '../../src/common/events/domain-event';
import { EventBus } from '../../src/common/events/event-bus';
import { OnEvent, OnEventAsync, OnJob } from '../../src/common/events/event-handler.decorators';

export class ProbeHappened extends DomainEvent<{ failTimes?: number; repeatableFailTimes?: number; explodeInTransaction?: boolean }> {
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

  readonly repeatableDeliveries = new Map<string, number>();
  readonly repeatableAttempts = new Map<string, number>();
  /** Probe jobs run, by their `mark`, with the id and delay BullMQ gave them. */
  readonly jobRuns = new Map<string, { runs: number; jobId?: string; delay: number }>();

  @OnEventAsync(ProbeHappened, { repeatable: true, batched: true })
  async afterCommitRepeatable(event: ProbeHappened): Promise<void> {
    const attempt = (this.repeatableAttempts.get(event.id) ?? 0) + 1;
    this.repeatableAttempts.set(event.id, attempt);
    if (attempt <= (event.payload.repeatableFailTimes ?? 0)) throw new Error(`repeatable attempt ${attempt} fails`);
    this.repeatableDeliveries.set(event.id, (this.repeatableDeliveries.get(event.id) ?? 0) + 1);
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
