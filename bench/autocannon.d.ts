/** The part of autocannon 9's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest | undefined;
  }

  export interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    overallRate?: number;
    ignoreCoordinatedOmission?: boolean;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    requests?: AutocannonRequest[];
    warmup?: { connections?: number; duration?: number };
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
  }

  /** Counters common to the raw and the aggregated result. */
  interface ResultCounters {
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }

  /**
   * What a run resolves to when autocannon is not on the main thread: counters and encoded histograms, to be
   * passed to `aggregateResult`.
   */
  export interface RawResult extends ResultCounters {
    latencies: string;
    totalCompletedRequests: number;
    totalRequests: number;
    samples: number;
    /** With the `warmup` option: the warm-up run's own result. */
    warmup?: RawResult;
  }

  /** On the main thread a run resolves to this directly. */
  export interface AutocannonResult extends ResultCounters {
    latency: Histogram;
    requests: Histogram & { sent: number };
    warmup?: AutocannonResult;
  }

  /** Resolves to an AutocannonResult on the main thread, to a RawResult in a worker thread. */
  export type Instance = EventEmitter & PromiseLike<AutocannonResult | RawResult>;

  function autocannon(options: AutocannonOptions): Instance;
  namespace autocannon {
    function aggregateResult(results: RawResult[], options: AutocannonOptions): AutocannonResult;
  }
  export default autocannon;
}
