import type { JsonSchema } from './jsonSchema';
import type { KindInfo } from './registry';

// spire-controller-manager's own configuration file (`-config`), kind ControllerManagerConfig.
// The upstream CRD of that name is a stale scaffold (a single `spec.foo`), so the shape is written
// here from the Go types at v0.6.6 (api/v1alpha1/controllermanagerconfig_types.go): JSON names,
// and JSON types as the decoder reads them. The decoder ignores fields it does not know, so an
// unknown field is the schema checker's warning, never an error.

const str: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: 'boolean' };
const int: JsonSchema = { type: 'integer' };
/** metav1.Duration: a Go duration string ("10s", "1h30m"). */
const duration: JsonSchema = { type: 'string' };
/** A plain Go time.Duration: JSON has no duration form for it, only an integer count of nanoseconds. */
const nanoseconds: JsonSchema = { type: 'integer' };
const stringMap: JsonSchema = { type: 'object', additionalProperties: str };

const spireControllerConfig: JsonSchema = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    // The Go type has no ObjectMeta, so the decoder drops it; the Helm chart writes one all the same.
    metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    clusterName: str,
    clusterDomain: str,
    trustDomain: str,
    ignoreNamespaces: { type: 'array', items: str },
    validatingWebhookConfigurationName: str,
    gcInterval: nanoseconds,
    spireServerSocketPath: str,
    logLevel: str,
    logEncoding: str,
    grpc: { type: 'object', properties: { maxCallRecvMsgSize: int } },
    syncPeriod: duration,
    leaderElection: {
      type: 'object',
      properties: {
        leaderElect: bool,
        leaseDuration: duration,
        renewDeadline: duration,
        retryPeriod: duration,
        resourceLock: str,
        resourceName: str,
        resourceNamespace: str,
      },
    },
    cacheNamespace: str,
    cacheNamespaces: {
      type: 'object',
      additionalProperties: { type: 'object', nullable: true, properties: { labelSelectors: stringMap, fieldSelectors: stringMap } },
    },
    gracefulShutDown: duration,
    controller: {
      type: 'object',
      properties: { groupKindConcurrency: { type: 'object', additionalProperties: int }, cacheSyncTimeout: nanoseconds, recoverPanic: bool },
    },
    metrics: { type: 'object', properties: { bindAddress: str } },
    health: { type: 'object', properties: { healthProbeBindAddress: str, readinessEndpointName: str, livenessEndpointName: str } },
    webhook: { type: 'object', properties: { port: int, host: str, certDir: str } },
    className: str,
    watchClassless: bool,
    parentIDTemplate: str,
    reconcile: { type: 'object', properties: { clusterSPIFFEIDs: bool, clusterFederatedTrustDomains: bool, clusterStaticEntries: bool } },
    entryIDPrefix: str,
    entryIDPrefixCleanup: str,
    staticManifestPath: str,
    expandEnvStaticManifests: bool,
    enableEntryRenderCache: bool,
    entryRenderCacheSize: int,
  },
};

export function spireControllerConfigKind(): KindInfo {
  return {
    apiVersion: 'spire.spiffe.io/v1alpha1',
    group: 'spire.spiffe.io',
    version: 'v1alpha1',
    kind: 'ControllerManagerConfig',
    // A file the controller reads, not an object in the cluster; "Cluster" keeps namespace rules away from it.
    scope: 'Cluster',
    preferredVersion: 'v1alpha1',
    deprecated: false,
    schema: spireControllerConfig,
  };
}
