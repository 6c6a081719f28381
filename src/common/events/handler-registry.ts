import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import type { Job } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { DomainEvent, EventType } from './domain-event';
import {
  ASYNC_HANDLERS,
  AsyncHandlerMetadata,
  IN_TX_HANDLERS,
  InTransactionHandlerOptions,
  JOB_HANDLERS,
  JobHandlerOptions,
} from './event-handler.decorators';

export type EventHandlerFn = (event: DomainEvent, tx: EntityManager) => Promise<void>;
export type JobHandlerFn = (data: unknown, job: Job) => Promise<void>;

export type BatchHandlerFn = (events: DomainEvent[], db: EntityManager) => Promise<void>;

/** An `@OnEventAsync` subscriber takes one event at a time; an `@OnEventBatch` one (`batched`) a relay pass's. */
export type AsyncSubscriber = {
  type: EventType;
  /** The consuming module's queue, e.g. `notifications`. */
  queue: string;
  /** Stable name of the subscriber, part of the job id: `ClassName.method`. */
  subscriber: string;
  /** Runs without the inbox (see `AsyncHandlerOptions.repeatable`). */
  repeatable: boolean;
} & ({ batched: false; handle: EventHandlerFn } | { batched: true; handle: BatchHandlerFn });

export interface JobHandler extends JobHandlerOptions {
  queue: string;
  name: string;
  handle: JobHandlerFn;
}

/** `OrdersModule` owns the queue `orders`. */
const queueOf = (wrapper: InstanceWrapper): string =>
  (wrapper.host?.metatype?.name ?? 'platform').replace(/Module$/, '').toLowerCase();

/** Finds every `@OnEvent`, `@OnEventAsync` and `@OnJob` method once the app has been assembled. */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly inTx = new Map<string, EventHandlerFn[]>();
  /** In-transaction handlers that lock contended rows: kept at the end of their event's list. */
  private readonly late = new Set<EventHandlerFn>();
  private readonly async = new Map<string, AsyncSubscriber[]>();
  private readonly jobs = new Map<string, JobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        this.register(wrapper, instance, prototype, method);
      }
    }
  }

  private register(wrapper: InstanceWrapper, instance: Record<string, unknown>, prototype: object, method: string) {
    const fn = (instance[method] as (...args: unknown[]) => Promise<void>).bind(instance);
    const read = <T>(key: symbol) => (Reflect.getMetadata(key, prototype, method) as T[] | undefined) ?? [];
    for (const { type, locksContendedRows } of read<InTransactionHandlerOptions & { type: EventType }>(IN_TX_HANDLERS)) {
      const handlers = this.inTx.get(type.eventName) ?? [];
      const firstLate = handlers.findIndex((h) => this.late.has(h));
      // Registration order, except that handlers locking contended rows come after the rest.
      if (locksContendedRows || firstLate < 0) handlers.push(fn);
      else handlers.splice(firstLate, 0, fn);
      if (locksContendedRows) this.late.add(fn);
      this.inTx.set(type.eventName, handlers);
    }
    const subscriber = `${prototype.constructor.name}.${method}`;
    for (const { type, repeatable = false, batched = false } of read<AsyncHandlerMetadata>(ASYNC_HANDLERS)) {
      const common = { type, queue: queueOf(wrapper), subscriber, repeatable };
      const entry: AsyncSubscriber = batched ? { ...common, batched: true, handle: fn } : { ...common, batched: false, handle: fn };
      this.async.set(type.eventName, [...(this.async.get(type.eventName) ?? []), entry]);
    }
    for (const options of read<JobHandlerOptions & { name: string }>(JOB_HANDLERS)) {
      const queue = queueOf(wrapper);
      this.jobs.set(`${queue}/${options.name}`, { ...options, queue, handle: fn });
    }
  }

  inTransactionHandlers(eventName: string): EventHandlerFn[] {
    return this.inTx.get(eventName) ?? [];
  }

  asyncSubscribers(eventName: string): AsyncSubscriber[] {
    return this.async.get(eventName) ?? [];
  }

  asyncSubscriber(queue: string, subscriber: string): AsyncSubscriber | undefined {
    for (const list of this.async.values()) {
      const found = list.find((s) => s.queue === queue && s.subscriber === subscriber);
      if (found) return found;
    }
    return undefined;
  }

  jobHandler(queue: string, name: string): JobHandler | undefined {
    return this.jobs.get(`${queue}/${name}`);
  }

  scheduledJobs(): JobHandler[] {
    return [...this.jobs.values()].filter((j) => j.everyMs !== undefined);
  }

  /** Every queue that has something to consume. */
  queues(): string[] {
    const names = new Set<string>();
    for (const list of this.async.values()) list.forEach((s) => names.add(s.queue));
    for (const job of this.jobs.values()) names.add(job.queue);
    return [...names].sort();
  }
}
