import * as path from 'node:path';

/** The repository root (this file compiles to out/test/rig/paths.js). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Git-ignored downloads and installs kept between runs (code-server). */
export const CACHE = path.join(ROOT, '.cache');
/** Git-ignored output of test runs: screenshots, logs. */
export const RESULTS = path.join(ROOT, 'test-results');
export const EXAMPLES = path.join(ROOT, 'examples');
export const OUT_TEST = path.join(ROOT, 'out', 'test');
