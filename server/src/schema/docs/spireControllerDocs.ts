import { nestDocs, type KindDocs } from './fieldDoc';
import { labelSelector } from './linkerdDocs';

// spire-controller-manager's spire.spiffe.io kinds (v0.6.6): what the controller does with each
// field when it turns the object into SPIRE registration entries or federation relationships.

const TEMPLATE_DATA =
  'The template sees `.TrustDomain`, `.ClusterName`, `.ClusterDomain`, `.PodMeta` and `.NodeMeta` (object metadata: `.Name`, `.Namespace`, `.UID`, `.Labels`, ...), `.PodSpec` and `.NodeSpec`, with only the standard text/template functions.';

/** A label selector's docs; this CRD leaves the operator a free string, so its values go in the text. */
function selectorDocs(objects: string): KindDocs {
  const docs = labelSelector(objects);
  const operator = docs['matchExpressions[].operator'];
  const values = Object.entries(operator.values ?? {})
    .map(([value, meaning]) => `\`${value}\`: ${meaning}`)
    .join(' ');
  return { ...docs, 'matchExpressions[].operator': { text: `${operator.text} ${values} Kubernetes refuses any other operator.` } };
}

/** Fields an entry has whichever kind makes it. */
function entryFields(ttl: string, jwtTtl: string): KindDocs {
  return {
    'spec.federatesWith': {
      text: 'Trust domain names (or `spiffe://` IDs, read for their trust domain) whose bundles workloads of the entry also receive, so that they can authenticate peers there. Each needs a federation relationship on the SPIRE server, such as a ClusterFederatedTrustDomain.',
      example: 'federatesWith:\n  - partner.example',
    },
    [`spec.${ttl}`]: {
      text: 'How long the X.509 SVIDs of the entry live, as a Go duration (`1h`, `90m`; no days). Empty: the SPIRE server default.',
      example: `${ttl}: 1h`,
    },
    [`spec.${jwtTtl}`]: {
      text: 'How long the JWT SVIDs of the entry live, as a Go duration. Empty: the SPIRE server default.',
      example: `${jwtTtl}: 5m`,
    },
    'spec.admin': { text: 'Whether the workload may call the SPIRE server admin APIs (manage entries, bundles) with its SVID.' },
    'spec.downstream': { text: 'Whether the workload is a downstream SPIRE server, which gets an intermediate CA from this one.' },
    'spec.hint': { text: 'A free-text hint SPIRE hands to the workload with its SVID, to tell several identities of one workload apart.' },
    'spec.className': {
      text: 'Which controller instance handles the object: one whose configured `className` equals it. Left empty, only controllers that watch class-less objects (`watchClassless`, or no class configured) take it.',
    },
  };
}

const CLUSTER_SPIFFE_ID: KindDocs = {
  spec: { text: 'Which pods get a SPIFFE identity from the controller, and how their registration entries are built from the pods.' },
  'spec.spiffeIDTemplate': {
    text: `A Go template rendering each selected pod's SPIFFE ID, which must fall in the controller's own trust domain. ${TEMPLATE_DATA} A template that does not parse is refused; one that renders an invalid ID fails for that pod.`,
    example: 'spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"',
  },
  'spec.dnsNameTemplates': {
    text: `Go templates for DNS names put in the X.509 SVID, after duplicates are dropped. ${TEMPLATE_DATA}`,
    example: 'dnsNameTemplates:\n  - "{{ .PodMeta.Name }}.{{ .PodMeta.Namespace }}.svc"',
  },
  'spec.workloadSelectorTemplates': {
    text: 'Go templates for extra workload selectors (`type:value`, split at the first colon), added to the pod-UID selector the controller always sets: a workload must match all of them to get the SVID.',
    example: 'workloadSelectorTemplates:\n  - "k8s:ns:{{ .PodMeta.Namespace }}"',
  },
  'spec.autoPopulateDNSNames': {
    text: 'Also put in the SVID the DNS names of the Services whose endpoints hold the pod: `name`, `name.namespace`, `name.namespace.svc`, and the same under the cluster domain.',
  },
  'spec.fallback': {
    text: 'Use this identity only for pods that no other (non-fallback) ClusterSPIFFEID selects: a default identity for the rest.',
  },
  ...nestDocs('spec.podSelector', selectorDocs('the pods')),
  'spec.podSelector': { text: 'The pods that get this identity, by label; empty or absent selects every pod in the selected namespaces.' },
  ...nestDocs('spec.namespaceSelector', selectorDocs('the namespaces')),
  'spec.namespaceSelector': {
    text: "The namespaces whose pods are considered, by label; empty or absent selects every namespace outside the controller's ignored ones.",
  },
  ...entryFields('ttl', 'jwtTtl'),
};

const CLUSTER_FEDERATED_TRUST_DOMAIN: KindDocs = {
  spec: {
    text: 'A federation relationship the controller keeps on the SPIRE server: where to fetch another trust domain bundle, and how to authenticate that endpoint.',
  },
  'spec.trustDomain': {
    text: 'The other trust domain, as a name (`partner.example`): lower-case letters, digits, `.`, `-` and `_`.',
    example: 'trustDomain: partner.example',
  },
  'spec.bundleEndpointURL': {
    text: 'The `https` URL the SPIRE server polls for the other trust domain bundle; no user information.',
    example: 'bundleEndpointURL: https://spire.partner.example:8443',
  },
  'spec.bundleEndpointProfile': { text: 'How the SPIRE server authenticates the bundle endpoint.' },
  'spec.bundleEndpointProfile.type': {
    text: 'The authentication profile of the bundle endpoint.',
    values: {
      https_spiffe: 'The endpoint presents an X.509 SVID, checked against the bundle already held for it; `endpointSPIFFEID` names the ID it must have.',
      https_web: 'The endpoint presents an ordinary Web PKI certificate for its host name; `endpointSPIFFEID` must stay empty.',
    },
  },
  'spec.bundleEndpointProfile.endpointSPIFFEID': {
    text: 'With `https_spiffe`, the SPIFFE ID the bundle endpoint must present (any trust domain). Required for that profile, refused with `https_web`.',
    example: 'endpointSPIFFEID: spiffe://partner.example/spire/server',
  },
  'spec.trustDomainBundle': {
    text: 'The first bundle of the other trust domain, to bootstrap `https_spiffe` trust: SPIFFE bundle JSON (a JWK set, as `spire-server bundle show -format spiffe` prints it), not PEM.',
  },
  'spec.className': {
    text: 'Which controller instance handles the object: one whose configured `className` equals it. Left empty, only controllers that watch class-less objects take it.',
  },
};

const CLUSTER_STATIC_ENTRY: KindDocs = {
  spec: {
    text: 'One fixed SPIRE registration entry the controller keeps on the server, for workloads that are not pods it selects (nodes, VMs, downstream servers).',
  },
  'spec.spiffeID': {
    text: 'The SPIFFE ID the entry issues. Checked only when the controller reconciles (no webhook): a bad ID leaves the entry unrendered.',
    example: 'spiffeID: spiffe://example.org/db',
  },
  'spec.parentID': {
    text: 'The SPIFFE ID of the agent (or node alias) that may hand out this identity.',
    example: 'parentID: spiffe://example.org/spire/agent/x509pop/db-host',
  },
  'spec.selectors': {
    text: 'Workload selectors, each `type:value` split at the first colon (`unix:uid:1000`, `k8s:ns:db`); the workload must match all of them.',
    example: 'selectors:\n  - unix:uid:1000',
  },
  'spec.dnsNames': { text: 'DNS names put in the X.509 SVID.', example: 'dnsNames:\n  - db.example.org' },
  'spec.storeSVID': {
    text: 'Whether the SVID is stored by an SVIDStore plugin of the agent (for workloads outside the agent host) rather than served over the Workload API.',
  },
  ...entryFields('x509SVIDTTL', 'jwtSVIDTTL'),
};

/** The controller's own config file (`-config`), by top-level field: what the process does with each at start-up. */
const CONTROLLER_MANAGER_CONFIG: KindDocs = {
  clusterName: {
    text: 'The name of this cluster, for templates (`.ClusterName`) and the default parent ID. Required: the controller exits without it.',
    example: 'clusterName: demo',
  },
  clusterDomain: {
    text: 'The cluster DNS domain (`.ClusterDomain`, and the longest auto-populated DNS names). Empty: read from the CNAME of `kubernetes.default.svc`.',
    example: 'clusterDomain: cluster.local',
  },
  trustDomain: {
    text: 'The trust domain of the SPIRE server this controller writes to. Required and checked at start-up; every rendered ID must fall in it.',
    example: 'trustDomain: example.org',
  },
  ignoreNamespaces: {
    text: 'Regular expressions (Go syntax) naming namespaces whose pods get no identity. Setting it replaces the default list, kube-system, kube-public and spire-system.',
    example: 'ignoreNamespaces:\n  - kube-.*\n  - spire-system',
  },
  validatingWebhookConfigurationName: {
    text: 'The ValidatingWebhookConfiguration whose CA bundle the controller keeps current. Default `spire-controller-manager-webhook`; empty is refused.',
  },
  gcInterval: {
    text: 'How often entries are reconciled even without a change, in nanoseconds (a plain integer: `10000000000` is ten seconds). Default ten seconds.',
    example: 'gcInterval: 10000000000',
  },
  spireServerSocketPath: { text: 'The SPIRE server API socket. Default `/spire-server/api.sock`.' },
  logLevel: { text: 'debug, info, warn or error (any case). Default info.' },
  logEncoding: { text: '`console` or `json`. Default console.' },
  grpc: { text: 'Settings of the connection to the SPIRE server.' },
  'grpc.maxCallRecvMsgSize': { text: 'The largest message, in bytes, the controller accepts from the SPIRE server: raise it for very many entries.' },
  syncPeriod: { text: "How often the controller's cache re-lists objects, as a Go duration." },
  leaderElection: { text: 'Leader election among replicas; not possible with `staticManifestPath`.' },
  'leaderElection.leaderElect': { text: 'Whether replicas elect one leader that reconciles.' },
  'leaderElection.leaseDuration': { text: 'How long a lease lasts, as a Go duration.' },
  'leaderElection.renewDeadline': { text: 'How long the leader keeps retrying to renew, as a Go duration.' },
  'leaderElection.retryPeriod': { text: 'How long to wait between tries to take or renew the lease, as a Go duration.' },
  'leaderElection.resourceLock': { text: 'The kind of object that holds the lease (`leases`).' },
  'leaderElection.resourceName': { text: 'The name of the lease object.' },
  'leaderElection.resourceNamespace': { text: 'The namespace of the lease object.' },
  cacheNamespace: { text: 'Deprecated: watch only this namespace. Not together with `cacheNamespaces`.' },
  cacheNamespaces: { text: 'The namespaces to watch, each with optional label and field selectors. Not together with `cacheNamespace`.' },
  'cacheNamespaces.*.labelSelectors': { text: 'Labels the watched objects of the namespace must carry.' },
  'cacheNamespaces.*.fieldSelectors': { text: 'Field values the watched objects of the namespace must have.' },
  gracefulShutDown: { text: 'How long the controller waits for its work to stop at shutdown, as a Go duration.' },
  controller: { text: 'Settings of the reconcile loops.' },
  'controller.groupKindConcurrency': { text: 'How many objects of each kind (`Kind.group`) are reconciled at once.' },
  'controller.cacheSyncTimeout': { text: 'How long to wait for caches to fill at start, in nanoseconds.' },
  'controller.recoverPanic': { text: 'Whether a panic in a reconcile is recovered and logged rather than ending the process.' },
  metrics: { text: 'The metrics endpoint.' },
  'metrics.bindAddress': { text: 'The address the metrics endpoint listens on (`:8082`; `0` turns it off).' },
  health: { text: 'The health probe endpoint.' },
  'health.healthProbeBindAddress': { text: 'The address the readiness and liveness probes listen on (`:8083`).' },
  'health.readinessEndpointName': { text: 'The path of the readiness probe.' },
  'health.livenessEndpointName': { text: 'The path of the liveness probe.' },
  webhook: { text: 'The validating webhook server for ClusterSPIFFEIDs and ClusterFederatedTrustDomains.' },
  'webhook.port': { text: 'The port the webhook server listens on.' },
  'webhook.host': { text: 'The address the webhook server listens on.' },
  'webhook.certDir': { text: 'Ignored: the controller mints and rotates its webhook certificate itself.' },
  className: { text: 'This instance handles only objects whose `className` equals it (and class-less ones with `watchClassless`).' },
  watchClassless: { text: 'Whether this instance also handles objects without a `className`.' },
  parentIDTemplate: {
    text: "A Go template for the parent ID of pod entries, rendered with the node alone (`.TrustDomain`, `.ClusterName`, `.NodeMeta`, `.NodeSpec`). Default: the k8s_psat agent ID of the pod's node.",
    example: 'parentIDTemplate: "spiffe://{{ .TrustDomain }}/spire/agent/k8s_psat/{{ .ClusterName }}/{{ .NodeMeta.UID }}"',
  },
  reconcile: { text: 'Which kinds this instance reconciles. Written, it replaces the defaults: a kind left out is not reconciled.' },
  'reconcile.clusterSPIFFEIDs': { text: 'Reconcile ClusterSPIFFEIDs (not possible with `staticManifestPath`).' },
  'reconcile.clusterFederatedTrustDomains': { text: 'Reconcile ClusterFederatedTrustDomains.' },
  'reconcile.clusterStaticEntries': { text: 'Reconcile ClusterStaticEntries.' },
  entryIDPrefix: { text: 'A prefix for the IDs of the entries this instance creates (a `.` is appended), so that several instances share one SPIRE server.' },
  entryIDPrefixCleanup: { text: 'A prefix of entry IDs to delete, to move entries from an earlier prefix; must differ from `entryIDPrefix`.' },
  staticManifestPath: { text: 'Read ClusterStaticEntries and ClusterFederatedTrustDomains from the `*.yaml` files of this directory instead of the cluster.' },
  expandEnvStaticManifests: { text: 'Replace `$VARIABLES` in the static manifests before reading them.' },
  enableEntryRenderCache: { text: 'Keep rendered pod entries between reconciles, to spare CPU in large clusters.' },
  entryRenderCacheSize: { text: 'How many rendered entries the cache holds. Default 300000.' },
  metadata: { text: 'Ignored: the controller reads no metadata from its config file.' },
};

export const SPIRE_CONTROLLER_DOCS: Record<string, KindDocs> = {
  'spire.spiffe.io/ClusterSPIFFEID': CLUSTER_SPIFFE_ID,
  'spire.spiffe.io/ClusterFederatedTrustDomain': CLUSTER_FEDERATED_TRUST_DOMAIN,
  'spire.spiffe.io/ClusterStaticEntry': CLUSTER_STATIC_ENTRY,
  'spire.spiffe.io/ControllerManagerConfig': CONTROLLER_MANAGER_CONFIG,
};
