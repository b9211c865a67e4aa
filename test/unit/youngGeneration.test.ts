import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// The young-generation limit is a V8 flag set after start-up: V8 may ignore such flags, so this
// shows it is read, in processes of their own (this one's heap is the test runner's).

/**
 * The young generation's largest size while a process keeps 150,000 small objects, as a scan
 * keeps resources: made in batches with a turn of the event loop between, as the scan reads files.
 */
function youngGenerationPeak(limit: number | undefined): number {
  const script = `
    const young = require(${JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'workspace', 'youngGeneration'))});
    if (${limit ?? 0} > 0) young.keepYoungGenerationSmall(${limit ?? 0});
    const kept = [];
    let peak = young.youngGenerationBytes();
    (async () => {
      for (let batch = 0; batch < 150; batch++) {
        for (let i = 0; i < 1000; i++) kept.push({ name: 'resource-' + batch + '-' + i, labels: [i] });
        peak = Math.max(peak, young.youngGenerationBytes());
        await new Promise((resolve) => setImmediate(resolve));
      }
      process.stdout.write(String(peak));
    })();`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('keepYoungGenerationSmall', () => {
  it('takes effect after start-up: the young generation grows up to the limit and no further', () => {
    const MB = 1024 * 1024;
    // Without it V8 doubles the young generation well past that (to 32 MB on 64-bit, with memory enough).
    assert.ok(youngGenerationPeak(undefined) >= 16 * MB);
    assert.equal(youngGenerationPeak(8 * MB), 8 * MB);
    assert.equal(youngGenerationPeak(4 * MB), 4 * MB);
  });
});
