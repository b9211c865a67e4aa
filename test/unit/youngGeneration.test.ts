import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// The young-generation setting is a V8 flag set after start-up: V8 may ignore such flags, so this
// shows it is read, in processes of their own (this one's heap is the test runner's).

/** The young generation's size before and after a process keeps 150,000 small objects, as a scan keeps resources. */
function youngGenerationGrowth(keepSmall: boolean): { before: number; after: number } {
  const script = `
    const v8 = require('node:v8');
    if (${keepSmall}) require(${JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'workspace', 'youngGeneration'))}).keepYoungGenerationSmall();
    const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    const before = young();
    const kept = [];
    for (let i = 0; i < 150000; i++) kept.push({ name: 'resource-' + i, labels: [i] });
    process.stdout.write(JSON.stringify({ before, after: young(), kept: kept.length }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { before: number; after: number };
}

describe('keepYoungGenerationSmall', () => {
  it('takes effect after start-up: the young generation stops doubling while survivors pile up', () => {
    const grown = youngGenerationGrowth(false);
    const kept = youngGenerationGrowth(true);
    // Without it V8 doubles the young generation several times over (to 32 MB on 64-bit).
    assert.ok(grown.after >= 8 * grown.before, `without the setting: ${grown.before} -> ${grown.after} bytes`);
    // With it, at most the one step V8 takes to commit its second semi-space.
    assert.ok(kept.after <= 2 * kept.before, `with the setting: ${kept.before} -> ${kept.after} bytes`);
  });
});
