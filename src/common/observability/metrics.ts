import { Controller, Get, Header, Injectable, OnModuleInit } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipGlobalRateLimit } from '../http/rate-limit';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OutboxRelay } from '../events/outbox-relay';
import { Queues } from '../jobs/queues';
import { HandlerRegistry } from '../events/handler-registry';

/** Prometheus metrics of one process. */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(
    private readonly relay: OutboxRelay,
    private readonly queues: Queues,
    private readonly handlers: HandlerRegistry,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry });
    const relay = this.relay;
    let counted = 0;
    new Counter({
      name: 'outbox_events_total',
      help: 'Events this process relayed from the outbox to the module queues',
      registers: [this.registry],
      collect() {
        this.inc(relay.relayedTotal - counted);
        counted = relay.relayedTotal;
      },
    });
    new Gauge({
      name: 'outbox_relay_lag_seconds',
      help: 'Age of the oldest event not yet relayed to the queues',
      registers: [this.registry],
      async collect() {
        this.set(await relay.lagSeconds());
      },
    });
    const { queues, handlers } = this;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per module queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const name of handlers.queues()) {
          const counts = await queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed');
          for (const [state, count] of Object.entries(counts)) this.set({ queue: name, state }, count);
        }
      },
    });
  }
}

@ApiTags('platform')
@SkipGlobalRateLimit()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
