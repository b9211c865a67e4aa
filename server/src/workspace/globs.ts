// VS Code's glob patterns (files.exclude, meshMtls.analysis.exclude) as predicates over paths
// relative to a workspace folder: `**` for any number of folders, `*` and `?` within a name,
// `{a,b}` alternatives and `[...]` character classes. A matching folder excludes what it holds.

function toRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches zero or more folders; a trailing "**" anything below.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, end).split(',').map((part) => toRegExp(part).source.slice(1, -1)).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether a relative path ("apps/base/web.yaml") or any folder above it matches one of the patterns. */
export function globMatcher(patterns: string[]): (relativePath: string) => boolean {
  const expressions = patterns.map((p) => p.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter(Boolean).map(toRegExp);
  if (expressions.length === 0) return () => false;
  return (relativePath) => {
    const parts = relativePath.split('/');
    for (let end = 1; end <= parts.length; end++) {
      const prefix = parts.slice(0, end).join('/');
      if (expressions.some((e) => e.test(prefix))) return true;
    }
    return false;
  };
}

/** The patterns of a files.exclude-style setting: keys whose value is `true` (conditional `when` entries are not followed). */
export function enabledPatterns(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>).flatMap(([pattern, on]) => (on === true ? [pattern] : []));
}
