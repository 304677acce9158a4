/** Latencies of one view, measured as the dashboard meets them: two requests in flight at once. */

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export interface Timing {
  p50: number;
  p95: number;
  samples: number;
}

/**
 * Runs `run` over the given areas in pairs, after a warm-up that lets every reader connection prepare
 * the view's statements. Stops early, once at least `minimum` samples are in, when `budgetSeconds` is
 * spent, so a view that takes seconds on one engine does not hold the run for minutes.
 */
export async function measure(
  run: (area: string | null) => Promise<unknown>,
  areas: (string | null)[],
  iterations: number,
  budgetSeconds = 20,
  minimum = 8,
): Promise<Timing> {
  const times: number[] = [];
  const timed = async (area: string | null) => {
    const started = performance.now();
    await run(area);
    times.push(performance.now() - started);
  };
  for (let i = 0; i < 4; i += 2)
    await Promise.all([run(areas[(i + 7) % areas.length]), run(areas[(i + 8) % areas.length])]);
  const began = performance.now();
  for (let i = 0; i < iterations; i += 2) {
    await Promise.all([timed(areas[i % areas.length]), timed(areas[(i + 1) % areas.length])]);
    if (times.length >= minimum && performance.now() - began > budgetSeconds * 1000) break;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: times.length };
}
