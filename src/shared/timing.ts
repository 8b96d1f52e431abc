/** Milliseconds rounded to 1/100, as timings are reported to clients. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
