import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';

/**
 * The folders and the way they may lean on each other, lowest first. A folder may import only the
 * folders listed for it (and itself); anything not listed is a new dependency to argue for here,
 * and a dependency back up the list is a cycle. Files at the top of common/src and server/src are
 * units of their own. README's Architecture section describes the same table.
 */
const ALLOWED: Record<string, string[]> = {
  'common/src/versions.ts': [],
  'common/src/version.ts': [],
  'common/src/identity': [],
  'common/src/time': [],
  'common/src/pem': [],
  'common/src/net': [],
  'common/src/log': [],
  'common/src/files': ['common/src/versions.ts'],
  'common/src/spireRelease.ts': ['common/src/versions.ts'],
  'common/src/x509': ['common/src/identity', 'common/src/pem', 'common/src/time'],
  'common/src/protocol.ts': ['common/src/versions.ts', 'common/src/x509', 'common/src/report'],
  'common/src/pki': ['common/src/files', 'common/src/identity', 'common/src/net', 'common/src/pem', 'common/src/x509'],
  'common/src/handshake': ['common/src/pem', 'common/src/pki', 'common/src/x509'],
  'common/src/webview': ['common/src/handshake', 'common/src/time', 'common/src/x509'],
  'common/src/report': [],
  'server/src/documents': ['common'],
  'server/src/cel': ['common'],
  'server/src/spire': ['common', 'server/src/documents'],
  'server/src/schema': ['common', 'server/src/documents'],
  'server/src/analysis': ['common', 'server/src/documents', 'server/src/spire'],
  'server/src/service': ['common', 'server/src/documents', 'server/src/cel', 'server/src/schema', 'server/src/analysis', 'server/src/spire'],
  'server/src/workspace': ['common', 'server/src/service'],
  'server/src/report': ['common', 'server/src/documents', 'server/src/schema', 'server/src/analysis', 'server/src/service'],
  'server/src/settings.ts': ['common'],
  'server/src/session.ts': ['common', 'server/src/documents', 'server/src/schema', 'server/src/analysis', 'server/src/workspace', 'server/src/settings.ts'],
  'server/src/handlers': [
    'common',
    'server/src/documents',
    'server/src/analysis',
    'server/src/service',
    'server/src/workspace',
    'server/src/report',
    'server/src/settings.ts',
    'server/src/session.ts',
  ],
  'server/src/main.ts': [
    'common',
    'server/src/documents',
    'server/src/schema',
    'server/src/analysis',
    'server/src/workspace',
    'server/src/handlers',
    'server/src/session.ts',
    'server/src/settings.ts',
  ],
  'client/src': ['common'],
  'webview/src': ['common'],
  'cli/src': ['common', 'server/src/documents', 'server/src/schema', 'server/src/analysis', 'server/src/service', 'server/src/report', 'docs'],
};

const SOURCES = ['common/src', 'server/src', 'client/src', 'cli/src', 'webview/src'];

/** The unit a repository-relative path belongs to: a folder under common/src or server/src, a file at their top, or a whole package. */
function unitOf(file: string): string {
  const parts = file.split('/');
  if ((parts[0] === 'common' || parts[0] === 'server') && parts[1] === 'src') return parts.slice(0, 3).join('/');
  if (SOURCES.includes(parts.slice(0, 2).join('/'))) return parts.slice(0, 2).join('/');
  return parts[0];
}

/** 'common' in the table stands for every unit under common/src. */
function allows(from: string, to: string): boolean {
  const allowed = ALLOWED[from] ?? [];
  return allowed.includes(to) || (allowed.includes('common') && to.startsWith('common/'));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Where each relative import of a file points, resolved to a repository-relative path. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)].map((m) => m[1]);
  return specifiers.map((spec) => {
    const target = path.resolve(path.dirname(file), spec);
    const resolved = [target + '.ts', path.join(target, 'index.ts'), target].find((candidate) => existsSync(candidate)) ?? target;
    return path.relative(ROOT, resolved).split(path.sep).join('/');
  });
}

function edgesOf(files: string[]): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const from = unitOf(path.relative(ROOT, file).split(path.sep).join('/'));
    for (const target of relativeImports(file)) {
      const to = unitOf(target);
      if (to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), path.relative(ROOT, file)]);
    }
  }
  return edges;
}

/** A cycle through the table, as a list of units, or undefined. */
function cycleIn(graph: Record<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (unit: string): string[] | undefined => {
    if (state.get(unit) === 'done') return undefined;
    if (state.get(unit) === 'open') return [...stack.slice(stack.indexOf(unit)), unit];
    state.set(unit, 'open');
    stack.push(unit);
    const next = (graph[unit] ?? []).flatMap((to) => (to === 'common' ? Object.keys(graph).filter((u) => u.startsWith('common/')) : [to]));
    for (const to of next) {
      const found = visit(to);
      if (found) return found;
    }
    stack.pop();
    state.set(unit, 'done');
    return undefined;
  };
  for (const unit of Object.keys(graph)) {
    const found = visit(unit);
    if (found) return found;
  }
  return undefined;
}

describe('architecture: imports between folders', () => {
  const files = SOURCES.flatMap((dir) => tsFiles(path.join(ROOT, dir)));
  const edges = edgesOf(files);

  it('reads the sources and finds the imports between folders', () => {
    assert.ok(files.length > 100, `only ${files.length} source files found under ${ROOT}`);
    assert.ok(edges.has('server/src/service -> server/src/documents'));
    assert.ok(edges.has('client/src -> common/src/x509'));
  });

  it('every folder is in the table', () => {
    const units = [...new Set(files.map((file) => unitOf(path.relative(ROOT, file).split(path.sep).join('/'))))];
    const missing = units.filter((unit) => !(unit in ALLOWED) && !unit.endsWith('.d.ts'));
    assert.deepEqual(missing, [], "a new folder: give it a row in ALLOWED and in README's Architecture section");
  });

  it('the table has no cycle', () => {
    assert.equal(cycleIn(ALLOWED), undefined);
  });

  it('the table finds a cycle when one is added', () => {
    const withCycle = { ...ALLOWED, 'server/src/documents': ['common', 'server/src/service'] };
    assert.deepEqual(cycleIn(withCycle), ['server/src/documents', 'server/src/service', 'server/src/documents']);
  });

  it('every import between folders goes a way the table allows', () => {
    const wrong = [...edges]
      .filter(([key]) => {
        const [from, to] = key.split(' -> ');
        return !allows(from, to);
      })
      .map(([key, where]) => `${key} (${[...new Set(where)].join(', ')})`);
    assert.deepEqual(wrong, []);
  });
});
