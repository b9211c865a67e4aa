/**
 * Checks a SPIFFE ID against the SPIFFE-ID specification: `spiffe://` + a trust domain of
 * lower-case letters, digits, `.`, `-` and `_`, then an optional path of non-empty segments of
 * letters, digits, `.`, `-` and `_`, none of them `.` or `..`, and no trailing slash.
 * Returns why the text is not a valid SPIFFE ID, or undefined when it is one.
 */
export function spiffeIdProblem(id: string): string | undefined {
  if (!id.startsWith('spiffe://'))
    return id.toLowerCase().startsWith('spiffe://') ? 'the scheme must be written in lower case: spiffe://' : 'it must start with spiffe://';
  if (id.length > 2048) return 'it is longer than 2048 bytes';
  const rest = id.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  if (trustDomain === '') return 'the trust domain is empty';
  if (!/^[a-z0-9._-]+$/.test(trustDomain)) {
    return /[A-Z]/.test(trustDomain)
      ? 'the trust domain must be lower case'
      : /:/.test(trustDomain)
        ? 'the trust domain must not carry a port'
        : 'the trust domain may hold only a-z, 0-9, ".", "-" and "_"';
  }
  if (slash < 0) return undefined;
  const path = rest.slice(slash);
  if (path === '/') return 'the path must not end with "/"';
  for (const segment of path.slice(1).split('/')) {
    if (segment === '') return path.endsWith('/') ? 'the path must not end with "/"' : 'the path has an empty segment ("//")';
    if (segment === '.' || segment === '..') return `the path must not contain "${segment}" segments`;
    if (!/^[A-Za-z0-9._-]+$/.test(segment)) return `the path segment "${segment}" may hold only letters, digits, ".", "-" and "_"`;
  }
  return undefined;
}
