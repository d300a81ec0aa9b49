/** One line of `npm run bench` output (CONTRACT.md "Benchmarks"). */
export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
}

/** Progress and diagnostics go to stderr: stdout carries only the JSON result lines. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
