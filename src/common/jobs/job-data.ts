/** What a module's own job carries on its queue: its data, and the request it came from. */
export interface JobData<T = unknown> {
  data: T;
  correlationId?: string;
}
