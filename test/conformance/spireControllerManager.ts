import type { ConformanceCase } from './conformanceCase';

// Builders for spire-controller-manager conformance cases (spiffe/spire-controller-manager at tag
// v0.6.6, the release the rules follow). The upstream tests build Go structs or small files; here
// each is the manifest or config file it stands for.

export const CONTROLLER_AT = 'spiffe/spire-controller-manager@9ef4eef2';

const HEADER = 'apiVersion: spire.spiffe.io/v1alpha1\n';

/** A manifest of one of the controller's kinds, its body given as YAML lines after `kind`. */
export function manifest(kind: string, body: string, name = 'test'): string {
  return `${HEADER}kind: ${kind}\nmetadata:\n  name: ${name}\n${body}`;
}

/** A file exactly as an upstream test writes it (they carry no metadata). */
export function file(text: string): string {
  return text.replace(/^\n/, '');
}

export function caseOf(name: string, valid: boolean, yaml: string, differs?: string): ConformanceCase {
  return differs ? { name, valid, yaml, differs } : { name, valid, yaml };
}

/**
 * The four static manifests both loader tests write (clusterfederatedtrustdomain_loader_test.go and
 * clusterstaticentry_loader_test.go hold the same texts under different names).
 */
export const LOADER_FILES = {
  federatedOk: file(`
apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterFederatedTrustDomain
spec:
  bundleEndpointProfile:
    type: https_web
  bundleEndpointURL: https://example.org
  trustDomain: example.org
`),
  staticOk: file(`
apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterStaticEntry
spec:
  parentID: spiffe://example.org/server
  spiffeID: spiffe://example.org/test
  selectors:
  - test:123
`),
  /** bundleEndpointProfile given as a list. */
  federatedNotOk: file(`
apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterFederatedTrustDomain
spec:
  bundleEndpointProfile:
  - type: https_web
  bundleEndpointURL: https://example.org
  trustDomain: example.org
`),
  /** No spiffeID, and selectors given as a map. */
  staticNotOk: file(`
apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterStaticEntry
spec:
  parentID: spiffe://example.org/server
  selectors:
    test: 123
    other: thingy
`),
};

/**
 * The loader reads static manifests (staticManifestPath), which need no metadata, and the test's
 * files have none; applied to a cluster, the CRD requires metadata, and that is what is checked.
 */
export const NO_METADATA = 'A static manifest needs no metadata and the upstream file has none; the CRD schema, which a cluster applies, requires metadata.';

/** go-spiffe at v2.7.0, the release spire-controller-manager v0.6.6 builds with (go.mod). */
export const GO_SPIFFE_AT = 'spiffe/go-spiffe@76b14bd4';

/** A YAML double-quoted scalar holding exactly `text`: control and non-ASCII characters escaped. */
export function quoted(text: string): string {
  return `"${Array.from(text, (c) => {
    const code = c.codePointAt(0)!;
    if (c === '"' || c === '\\') return `\\${c}`;
    return code < 0x20 || code >= 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }).join('')}"`;
}

/** The characters go-spiffe's tests allow in a trust domain, and in a path segment (spiffeid/id_test.go). */
export const TD_CHARS = /^[a-z0-9._-]$/;
export const PATH_CHARS = /^[a-zA-Z0-9._-]$/;
