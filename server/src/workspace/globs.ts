// VS Code's glob patterns (files.exclude, meshMtls.analysis.exclude) as predicates over paths
// relative to a workspace folder: `**` for any number of folders, `*` and `?` within a name,
// `{a,b}` alternatives and `[...]` character classes. A matching folder excludes what it holds.
//
// The patterns come from workspace settings, so a stranger's repository chooses them. minimatch
// (from version 10) matches without recursive backtracking; a regular expression built from the
// pattern would take exponential time on `*a*a*a*a*a*a*a*a*b`. Brace sets are capped, as
// `{a,b}` repeated twenty times would otherwise expand to a million patterns.
import { Minimatch, type MinimatchOptions } from 'minimatch';

const OPTIONS: MinimatchOptions = {
  dot: true, // VS Code's `*` matches names starting with a dot
  noext: true, // no `+(a|b)` extglobs in VS Code
  nonegate: true,
  nocomment: true,
  optimizationLevel: 1,
  braceExpandMax: 256,
};

/** Patterns longer than this are not globs anyone writes by hand; they are ignored. */
const MAX_PATTERN_LENGTH = 1_000;

function compile(pattern: string): Minimatch | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return undefined;
  try {
    return new Minimatch(pattern, OPTIONS);
  } catch {
    return undefined; // a pattern minimatch refuses excludes nothing
  }
}

/** Whether a relative path ("apps/base/web.yaml") or any folder above it matches one of the patterns. */
export function globMatcher(patterns: string[]): (relativePath: string) => boolean {
  const compiled = patterns
    .map((p) => p.trim().replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter(Boolean)
    .map(compile)
    .filter((m): m is Minimatch => m !== undefined);
  if (compiled.length === 0) return () => false;
  return (relativePath) => {
    const parts = relativePath.split('/');
    for (let end = 1; end <= parts.length; end++) {
      const prefix = parts.slice(0, end).join('/');
      if (compiled.some((m) => m.match(prefix))) return true;
    }
    return false;
  };
}

/** The patterns of a files.exclude-style setting: keys whose value is `true` (conditional `when` entries are not followed). */
export function enabledPatterns(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>).flatMap(([pattern, on]) => (on === true ? [pattern] : []));
}
