import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * Room for several files' parse garbage (the yaml parser allocates ~1 MB per file) between
 * collections. At 4 MB (the size the server has once loaded) a 2,000-file cold start peaked at
 * 110-111 MB but spent ~900 ms of it collecting; at 8 MB it peaks at 114-116 MB, under the
 * 120 MB it must stay under, with fewer collections that each promote less of a parse in progress.
 */
export const YOUNG_GENERATION_BYTES = 8 * 1024 * 1024;

/**
 * Stops V8's young generation from doubling past `limit`, where it would otherwise go on to 32 MB.
 * V8 grows it whenever as many bytes as it holds have survived collections since it last grew, and
 * a workspace scan is nothing but survivors: every file leaves its resources in the index. A
 * 2,000-file scan grew it 4 -> 8 -> 16 -> 32 MB, a fifth of the server's peak memory, to hold
 * garbage that lives for one file's parse. Smaller costs time: each collection has a fixed part
 * and promotes more of the parse in progress; on this busy 2-core machine the collector took
 * ~200-300 ms more of a cold start at 4 MB, ~50-150 ms more at 8 MB (main-thread profiles).
 *
 * A node flag (--max-semi-space-size) would say it better, but an editor starts the server with
 * none, and that one is read only at start-up. The growth factor is read at each growth: set to 1
 * once the young generation has reached `limit`, it grows no further (seen after a collection,
 * and a scan awaits between small batches, far apart from the next growth).
 * test/unit/youngGeneration.test.ts shows it taking effect.
 */
export function keepYoungGenerationSmall(limit = YOUNG_GENERATION_BYTES): void {
  const stop = () => setFlagsFromString('--semi-space-growth-factor=1');
  if (youngGenerationBytes() >= limit) return stop();
  const observer = new PerformanceObserver(() => {
    if (youngGenerationBytes() < limit) return;
    stop();
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}

export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}
