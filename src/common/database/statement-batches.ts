import DataLoader from 'dataloader';

export interface BatchLimits {
  /** Batches running at once; calls arriving meanwhile wait, and leave together as the next batch. */
  maxInFlight: number;
  maxBatchSize: number;
}

/**
 * Runs the calls that arrive together as one batch, for writes whose round trip and commit cost
 * PostgreSQL and the API more than their SQL (bench/RESULTS.md, stop 17: five adds to carts in one
 * statement cost half as much as five statements).
 *
 * A call never waits for company: its batch leaves at the end of the event-loop turn it arrived in,
 * unless `maxInFlight` batches are running; then it leaves with everything that arrived meanwhile
 * as soon as one of them ends. So batches stay single calls while the database keeps up, and grow
 * with the load when it does not.
 */
export function statementBatches<In, Out>(run: (batch: readonly In[]) => Promise<Out[]>, limits: BatchLimits): DataLoader<In, Out> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const dispatchNext = () => {
    if (running < limits.maxInFlight) waiting.shift()?.();
  };
  return new DataLoader<In, Out>(
    async (batch) => {
      running++;
      try {
        return await run(batch);
      } finally {
        running--;
        dispatchNext();
      }
    },
    {
      cache: false,
      maxBatchSize: limits.maxBatchSize,
      batchScheduleFn: (dispatch) =>
        setImmediate(() => {
          waiting.push(dispatch);
          dispatchNext();
        }),
    },
  );
}
