import * as assert from 'node:assert/strict';
import { parseGoDuration } from '../../common/src/time/goDuration';

// Go's own table for time.ParseDuration (src/time/time_test.go, parseDurationTests and
// parseDurationErrorTests), in nanoseconds; Kubernetes' metav1.Duration reads text through it.
const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const S = 1000n * MS;
const M = 60n * S;
const H = 60n * M;
const VALID: Array<[string, bigint]> = [
  ['0', 0n],
  ['5s', 5n * S],
  ['30s', 30n * S],
  ['1478s', 1478n * S],
  ['-5s', -5n * S],
  ['+5s', 5n * S],
  ['-0', 0n],
  ['+0', 0n],
  ['5.0s', 5n * S],
  ['5.6s', 5n * S + 600n * MS],
  ['5.s', 5n * S],
  ['.5s', 500n * MS],
  ['1.0s', S],
  ['1.00s', S],
  ['1.004s', S + 4n * MS],
  ['1.0040s', S + 4n * MS],
  ['100.00100s', 100n * S + MS],
  ['10ns', 10n],
  ['11us', 11n * US],
  ['12µs', 12n * US],
  ['12μs', 12n * US],
  ['13ms', 13n * MS],
  ['14s', 14n * S],
  ['15m', 15n * M],
  ['16h', 16n * H],
  ['3h30m', 3n * H + 30n * M],
  ['10.5s4m', 4n * M + 10n * S + 500n * MS],
  ['-2m3.4s', -(2n * M + 3n * S + 400n * MS)],
  ['1h2m3s4ms5us6ns', H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n],
  ['39h9m14.425s', 39n * H + 9n * M + 14n * S + 425n * MS],
  ['52763797000ns', 52763797000n],
  ['0.3333333333333333333h', 20n * M],
  ['9007199254740993ns', (1n << 53n) + 1n],
  ['9223372036854775807ns', (1n << 63n) - 1n],
  ['9223372036854775.807us', (1n << 63n) - 1n],
  ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
  ['-9223372036854775808ns', -(1n << 63n)],
  ['-9223372036854775.808us', -(1n << 63n)],
  ['-9223372036s854ms775us808ns', -(1n << 63n)],
  ['-2562047h47m16.854775808s', -(1n << 63n)],
  ['0.100000000000000000000h', 6n * M],
  ['0.830103483285477580700h', 49n * M + 48n * S + 372539827n],
];
const INVALID = [
  '',
  '3',
  '-',
  's',
  '.',
  '-.',
  '.s',
  '+.s',
  '1d',
  '\x85\x85',
  '\xffff',
  'hello \xffff world',
  '9223372036854775810ns',
  '9223372036854775808ns',
  '9223372036854775.808us',
  '9223372036854ms775us808ns',
  '-9223372036854775809ns',
  '3000000h',
  '1h-1m',
  '1 s',
  ' 1s',
  '1S',
];

describe("parseGoDuration: Go's time.ParseDuration table", () => {
  it('reads every valid entry to the value Go gives (as milliseconds)', () => {
    for (const [text, ns] of VALID) assert.equal(parseGoDuration(text), Number(ns) / 1e6, text);
  });

  it('refuses every entry Go refuses, overflow of an int64 of nanoseconds included', () => {
    for (const text of INVALID) assert.equal(parseGoDuration(text), undefined, JSON.stringify(text));
  });
});
