import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation at the size the server has once loaded, instead of letting it double
 * up to 32 MB. V8 grows it whenever as many bytes as it holds have survived collections since it
 * last grew, and a workspace scan is nothing but survivors: every file leaves its resources in the
 * index. The young generation then grew 4 -> 8 -> 16 -> 32 MB during a 2,000-file scan, a quarter
 * of the server's peak memory, to hold garbage that lives for one file's parse. Collections of a
 * small young generation are as many more as they are shorter, since their cost is the survivors
 * they copy, which are the same.
 *
 * A node flag (--max-semi-space-size) would say it better, but an editor starts the server with
 * none; this is the one setting of that kind V8 reads after start-up (on each growth), which is
 * why it is set here. test/unit/youngGeneration.test.ts shows it taking effect.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
