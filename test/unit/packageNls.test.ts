import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';

// VS Code shows package.json's words through package.nls.json, so a translation can replace them.
// A %key% without an entry shows as "%key%" in the UI; an entry nothing names is dead text.

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, unknown>;
const PLACEHOLDER = /^%([^%\s]+)%$/;

/** Every string in the manifest, with where it is ("contributes.commands.3.title"). */
function strings(value: unknown, at: string[] = []): Array<{ at: string; text: string }> {
  if (typeof value === 'string') return [{ at: at.join('.'), text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, [...at, String(index)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, [...at, key]));
  return [];
}

const all = strings(manifest);
const placeholders = all.flatMap(({ at, text }) => {
  const key = PLACEHOLDER.exec(text)?.[1];
  return key ? [{ at, key }] : [];
});

/** The manifest's places that show words to a person and must go through package.nls.json. */
const SHOWN = [
  /^(displayName|description)$/,
  /^capabilities\.\w+\.description$/,
  /^contributes\.commands\.\d+\.(title|category)$/,
  /^contributes\.views\.\w+\.\d+\.(name|contextualTitle)$/,
  /^contributes\.customEditors\.\d+\.displayName$/,
  /^contributes\.configuration\.title$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(description|markdownDescription|enumDescriptions\.\d+|markdownEnumDescriptions\.\d+)$/,
  /^contributes\.walkthroughs\.\d+\.(title|description)$/,
  /^contributes\.walkthroughs\.\d+\.steps\.\d+\.(title|description|media\.altText)$/,
];

describe('package.nls.json', () => {
  it('has an English entry for every %key% package.json names', () => {
    assert.ok(placeholders.length > 40, `only ${placeholders.length} placeholders: package.json has lost its %keys%`);
    const missing = placeholders.filter(({ key }) => typeof nls[key] !== 'string' || nls[key].trim() === '');
    assert.deepEqual(missing, []);
  });

  it('holds no entry package.json does not name', () => {
    const named = new Set(placeholders.map(({ key }) => key));
    assert.deepEqual(
      Object.keys(nls).filter((key) => !named.has(key)),
      [],
    );
  });

  it('leaves no command title, category, view name, setting description or walkthrough text as a literal', () => {
    const literal = all.filter(({ at, text }) => SHOWN.some((shown) => shown.test(at)) && !PLACEHOLDER.test(text));
    assert.deepEqual(literal, []);
  });

  it('ships in the package: .vscodeignore lets it through', () => {
    const allowed = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(allowed.includes('!package.nls.json'));
  });
});
