/** Latency figures of one measurement, in ms, and the throughput it reached. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
}

/** Nearest-rank percentile (q from 0 to 1) of ascending samples; NaN when there are none. One definition for every benchmark. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function summarise(samples: number[], wallMs: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: samples.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), requestsPerSecond: (samples.length / wallMs) * 1000 };
}

/**
 * Runs `work(i)` for i in [0, count) from `clients` concurrent loops (1: one after another), after
 * `warmUp` untimed runs, and times each run.
 */
export async function measure(count: number, clients: number, work: (i: number) => Promise<void>, warmUp = 3): Promise<Latency> {
  for (let i = 0; i < warmUp; i += 1) await work(count + i);
  const samples: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        const started = performance.now();
        await work(i);
        samples.push(performance.now() - started);
      }
    }),
  );
  return summarise(samples, performance.now() - startedAt);
}
