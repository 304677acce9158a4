/**
 * Work over many rows written once, as a generator that yields between steps, and run either at
 * once (scripts, tests) or with a pause between steps (the API, so that one 100,000-row return
 * never holds up every other request).
 */
export type Steps<T> = Generator<void, T>;

/** Runs every step at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, awaiting `pause` between them. */
export async function runStepsWithPauses<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
