import { EventType } from './domain-event';

export const IN_TX_HANDLERS = Symbol('emporium:in-tx-handlers');
export const ASYNC_HANDLERS = Symbol('emporium:async-handlers');
export const JOB_HANDLERS = Symbol('emporium:job-handlers');

export interface JobHandlerOptions {
  /** Runs the job on a schedule (a BullMQ job scheduler), every `everyMs` milliseconds. */
  everyMs?: number;
}

function append(key: symbol, value: unknown) {
  return (target: object, method: string | symbol) => {
    const list = (Reflect.getMetadata(key, target, method) as unknown[] | undefined) ?? [];
    Reflect.defineMetadata(key, [...list, value], target, method);
  };
}

export interface InTransactionHandlerOptions {
  /**
   * The handler locks rows that many transactions want (a SKU's stock): it runs after the event's
   * other in-transaction subscribers, so the locks are held for as little of the transaction as
   * possible.
   */
  locksContendedRows?: boolean;
}

/**
 * Runs inside the publisher's transaction: `(event, tx) => Promise<void>`. Throwing rolls the
 * publisher back. Database work only, no network I/O.
 */
export const OnEvent = (type: EventType, options: InTransactionHandlerOptions = {}): MethodDecorator =>
  append(IN_TX_HANDLERS, { type, ...options });

export interface AsyncHandlerOptions {
  /**
   * The handler's effect is harmless when repeated (dropping a cache entry): it runs without an
   * inbox row and its transaction, and gets no transaction of its own.
   */
  repeatable?: boolean;
}

/** What the registry reads of an asynchronous handler. */
export interface AsyncHandlerMetadata extends AsyncHandlerOptions {
  type: EventType;
  /** Takes a relay pass's events at once (`@OnEventBatch`). */
  batched?: boolean;
}

/**
 * Runs after commit, from the module's queue, at least once and de-duplicated by
 * `platform.inbox`: `(event, tx) => Promise<void>`.
 */
export const OnEventAsync = (type: EventType, options: AsyncHandlerOptions = {}): MethodDecorator =>
  append(ASYNC_HANDLERS, { type, ...options } satisfies AsyncHandlerMetadata);

/**
 * Runs after commit, as a repeatable `@OnEventAsync` does, but takes all the events of the type one
 * relay pass moved, in outbox order, in one call and one BullMQ job: `(events, db) => Promise<void>`.
 * For a cheap local effect of every order (a cache drop), where a job per event costs more than the
 * effect. A failure retries the whole batch, so the effect must be harmless when repeated.
 */
export const OnEventBatch = (type: EventType): MethodDecorator =>
  append(ASYNC_HANDLERS, { type, repeatable: true, batched: true } satisfies AsyncHandlerMetadata);

/** Handles a job the module put on its own queue: `(data, job) => Promise<void>`. */
export const OnJob = (name: string, options: JobHandlerOptions = {}): MethodDecorator =>
  append(JOB_HANDLERS, { name, ...options });
