import type { Range } from 'vscode-languageserver-types';

// What the workspace analysis reads of a spire-controller-manager config (kind
// ControllerManagerConfig), as the controller takes it at v0.6.6: the config file is decoded over
// the defaults of parseConfig (cmd/main.go), so a field it writes replaces the default whole.

/** The kinds the controller reconciles, by their field in the config's `reconcile` block. */
export const RECONCILED_KINDS = {
  ClusterSPIFFEID: 'clusterSPIFFEIDs',
  ClusterStaticEntry: 'clusterStaticEntries',
  ClusterFederatedTrustDomain: 'clusterFederatedTrustDomains',
} as const;

export type ReconciledKind = keyof typeof RECONCILED_KINDS;

/** The namespaces the controller skips when its config writes no ignoreNamespaces (cmd/main.go@v0.6.6 parseConfig). */
export const DEFAULT_IGNORED_NAMESPACES = ['kube-system', 'kube-public', 'spire-system'];

/** A value null where it is not known: the environment may write it (`-expand-env`), a template does, or it has the wrong type. */
export interface ControllerConfigFacts {
  /** trustDomain as written; its range where the config sits in a ConfigMap (placed in the manifest). */
  trustDomain?: { value: string; range?: Range };
  className: string | null;
  watchClassless: boolean | null;
  /** Go regular expressions, unanchored (pkg/namespace IsIgnored). */
  ignoreNamespaces: string[] | null;
  reconciles: Record<ReconciledKind, boolean | null>;
}

/** `os.ExpandEnv` replaces `$NAME` and `${NAME}` when the controller runs with -expand-env. */
const mayExpand = (value: string) => value.includes('$');

function plainString(value: unknown, absent: string): string | null {
  if (value === undefined) return absent;
  return typeof value === 'string' && !mayExpand(value) ? value : null;
}

function plainBoolean(value: unknown): boolean | null {
  if (value === undefined) return false;
  return typeof value === 'boolean' ? value : null;
}

/** The facts of a config's body, read as JSON (templated values read as null). */
export function controllerConfigFacts(body: Record<string, unknown>): ControllerConfigFacts {
  const trustDomain = typeof body.trustDomain === 'string' && !mayExpand(body.trustDomain) ? body.trustDomain : undefined;
  const ignore = body.ignoreNamespaces;
  let ignoreNamespaces: string[] | null;
  if (ignore === undefined) ignoreNamespaces = DEFAULT_IGNORED_NAMESPACES;
  // A null list decodes to an empty one.
  else if (ignore === null) ignoreNamespaces = [];
  else if (Array.isArray(ignore) && ignore.every((item) => typeof item === 'string' && !mayExpand(item))) ignoreNamespaces = ignore as string[];
  else ignoreNamespaces = null;
  // Without a reconcile block every kind is reconciled, but ClusterSPIFFEIDs not from static manifests;
  // a written block replaces all three, so a kind it leaves out is off.
  const reconcile = body.reconcile;
  const staticManifests = body.staticManifestPath !== undefined && body.staticManifestPath !== null;
  const reconciles = {} as Record<ReconciledKind, boolean | null>;
  for (const [kind, field] of Object.entries(RECONCILED_KINDS) as Array<[ReconciledKind, string]>) {
    if (reconcile === undefined) reconciles[kind] = !(kind === 'ClusterSPIFFEID' && staticManifests);
    else if (reconcile && typeof reconcile === 'object' && !Array.isArray(reconcile))
      reconciles[kind] = plainBoolean((reconcile as Record<string, unknown>)[field]);
    else reconciles[kind] = null;
  }
  return {
    ...(trustDomain !== undefined ? { trustDomain: { value: trustDomain } } : {}),
    className: plainString(body.className, ''),
    watchClassless: plainBoolean(body.watchClassless),
    ignoreNamespaces,
    reconciles,
  };
}

/**
 * Whether the controller reconciles an object of this className: one of its own class, or a
 * class-less one when it watches those (reconcileClass in pkg/spireentry/reconciler.go and
 * pkg/spirefederationrelationship/reconciler.go@v0.6.6). Undefined when the config's values are not known.
 */
export function reconcilesClass(facts: ControllerConfigFacts, className: string): boolean | undefined {
  if (facts.className === null) return undefined;
  if (className === facts.className) return true;
  if (className !== '') return false;
  return facts.watchClassless === null ? undefined : facts.watchClassless;
}

/**
 * Whether the controller skips a namespace: a Go regular expression of ignoreNamespaces matches
 * somewhere in its name (MatchString is unanchored; pkg/namespace/namespace.go@v0.6.6).
 * Undefined when the list is not known or holds an expression JavaScript reads otherwise.
 */
export function ignoresNamespace(facts: ControllerConfigFacts, namespace: string): boolean | undefined {
  if (facts.ignoreNamespaces === null) return undefined;
  let unknown = false;
  for (const source of facts.ignoreNamespaces) {
    // RE2 syntax JavaScript lacks ((?i), \z, [[:alpha:]]) is not judged.
    if (/\(\?[a-zA-Z]|\\[zAQE]|\[\[:/.test(source)) {
      unknown = true;
      continue;
    }
    try {
      if (new RegExp(source, 'u').test(namespace)) return true;
    } catch {
      unknown = true;
    }
  }
  return unknown ? undefined : false;
}
