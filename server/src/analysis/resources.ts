// The workspace model's raw material: each YAML document of a file reduced to what the
// cross-resource rules read (kind, name, namespace, and the fields of the kinds they reason
// about) plus the ranges to report at (read when asked, see resourceRanges.ts). A workspace of
// thousands of files keeps these, never the parse trees.

import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { findPemBlocks } from '../../../common/src/pem/blocks';
import { decodeDer } from '../../../common/src/x509/decode';
import { firstAtLeast } from '../documents/lineStarts';
import type { ParsedYaml } from '../documents/parsedDocument';
import { isKustomizePatch, kustomizeBuilds, type KustomizeOverlay } from '../documents/kustomize';
import { releaseNamespaceOf } from '../documents/helmChart';
import { templateJson } from '../documents/templateJson';
import { overlapsTemplate } from '../documents/templates';
import { controllerConfigFacts, type ControllerConfigFacts } from '../spire/controllerFacts';
import { placedControllerConfigs, placedSpireConfigs, spireFacts, type SpireFacts } from '../spire/embedded';
import { plainJson } from './plainJson';
import { SELECTOR_KINDS, selectorOf, type WorkloadSelector } from './labelSelector';
import { labels } from './read';
import { ResourceRanges } from './resourceRanges';

/** Kinds whose whole body the rules read (small resources); others keep a projection. */
const MESH_GROUPS = new Set([
  'security.istio.io',
  'networking.istio.io',
  'policy.linkerd.io',
  'cert-manager.io',
  'gateway.networking.k8s.io',
  'spire.spiffe.io',
]);
export const WORKLOAD_KINDS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
  Rollout: ['spec', 'template'],
};
/** The API groups a workload kind is served from (Argo Rollouts' own, the rest core, apps, batch). */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'argoproj.io']);
/** Kinds that live outside namespaces. */
const CLUSTER_KINDS = new Set([
  'Namespace',
  'ClusterIssuer',
  'ClusterSPIFFEID',
  'ClusterFederatedTrustDomain',
  'ClusterStaticEntry',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

export interface WorkloadFacts {
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  /** As the pods run: the one written, else "default". */
  serviceAccount: string;
  /** Whether the manifest names it (completion offers only written names). */
  serviceAccountWritten: boolean;
  ports: Array<{ port: number; name?: string; protocol?: string }>;
  /** The workload's own selector, for the kinds whose selector the API server checks against the pod template (see labelSelector.ts). */
  selector?: WorkloadSelector;
  /** The ConfigMaps its pods mount as volumes, and the paths any of its containers mount volumes at. */
  volumes?: { configMaps: string[]; mountPaths: string[] };
  /** The images of its containers and init containers, as written (a template's text kept, see templateJson): the SPIRE release a workspace runs is read from them. */
  images?: string[];
  /**
   * When it runs Linkerd's policy controller (`linkerd install`'s linkerd-destination): the
   * cluster defaults its flags give, as written (see WorkspaceModel.linkerdClusterDefault).
   */
  linkerdController?: { defaultPolicy?: string; defaultOpaquePorts?: string; clusterNetworks?: string };
}

export interface ServiceFacts {
  selector?: Record<string, string>;
  ports: Array<{ port: number; targetPort?: number | string; name?: string; protocol?: string; appProtocol?: string }>;
  /** How clients outside the cluster may reach it: spec.type, spec.externalTrafficPolicy, and whether spec.externalIPs lists any. */
  type?: string;
  externalTrafficPolicy?: string;
  externalIPs?: boolean;
}

export interface Resource {
  uri: string;
  /** Index of the document in its file. */
  document: number;
  apiVersion: string;
  /** The API group ("" for core kinds). */
  group: string;
  kind: string;
  name?: string;
  /** As written; see `namespaceOf`. */
  namespace?: string;
  clusterScoped: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The whole body for mesh kinds, as JSON. */
  body?: Record<string, unknown>;
  workload?: WorkloadFacts;
  service?: ServiceFacts;
  /** ConfigMap: the SPIRE server and agent configs it holds, their ranges placed in the manifest. */
  spire?: SpireFacts[];
  /**
   * ConfigMap: the spire-controller-manager configs it holds (their trust domain's range placed
   * in the manifest); a ControllerManagerConfig file: its own (ranges read from `ranges`).
   */
  controllerConfigs?: ControllerConfigFacts[];
  /** IstioOperator: the mesh's trust domain, spec.meshConfig.trustDomain. */
  meshTrustDomain?: string;
  /** ClusterSPIFFEID: its spiffeIDTemplate as the controller gets it, when the file is no Helm template (the body has its actions masked). */
  spiffeIDTemplate?: string;
  /** Secret: its type, the keys it holds, and when the certificate in tls.crt expires (a CA Issuer's CA). */
  secret?: { type?: string; keys: string[]; certificateNotAfter?: string };
  /** Ranges by dotted path ("spec.selector.matchLabels", "spec.rules.0.from.0.source.principals.1"); "" is the document. */
  ranges: ResourceRanges;
  /** Values a Helm chart's defaults gave (see helmDefaults.ts): a message about them says so. */
  defaults?: Array<{ range: Range; values: string[] }>;
  /** Written inside a Helm `range` body: rendered once per item, so zero or more objects, none of them definite. */
  repeated?: boolean;
  /** Index keys, made once here so rebuilding the workspace model after each edit builds no strings. */
  keys: ResourceKeys;
}

export interface ResourceKeys {
  /** "<group>/<kind>". */
  kind: string;
  /** "<group>/<kind>/<namespace>" ("" for cluster kinds). */
  scope: string;
  /** "<group>/<kind>/<namespace>/<name>", when named. */
  name?: string;
  /** Workloads: "<namespace>\0<label>=<value>" per pod label. */
  labels?: string[];
}

export function resourceKeys(group: string, kind: string, namespace: string, name: string | undefined, podLabels?: Record<string, string>): ResourceKeys {
  const kindKey = `${group}/${kind}`;
  const scope = `${kindKey}/${namespace}`;
  const keys: ResourceKeys = { kind: kindKey, scope };
  if (name !== undefined) keys.name = `${scope}/${name}`;
  if (podLabels) keys.labels = Object.entries(podLabels).map(([label, value]) => `${namespace}\0${label}=${value}`);
  return keys;
}

/** The namespace a namespaced resource lands in: as written, else "default" (as kubectl applies it). */
export function namespaceOf(resource: Resource): string {
  return resource.namespace ?? 'default';
}

/** The range to report about `path`: the closest written ancestor, else the kind, else the document. */
export function rangeAt(resource: Resource, path: string): Range {
  for (let at = path; at !== ''; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '') {
    const range = resource.ranges.get(at);
    if (range) return range;
  }
  return resource.ranges.get('kind') ?? resource.ranges.get('') ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Per parsed document, so an edit re-reads only the edited `---` document (the parser reuses the others, see segments.ts). */
const byDocument = new WeakMap<Document.Parsed, { uri: string; index: number; startLine: number; builds: string; resources: Resource[] }>();

/**
 * The objects a parsed file declares. `keepTree`: the caller keeps this parse anyway (an open
 * document's), so the resources may read their ranges from its nodes instead of parsing again.
 */
export function resourcesOf(uri: string, yaml: ParsedYaml, keepTree = false): Resource[] {
  // A kustomize patch changes an object defined elsewhere: it is not an object of its own.
  if (isKustomizePatch(uri)) return [];
  // One object per kustomize build (a base two overlays include lands in both their namespaces), else the object as written.
  const builds: Array<KustomizeOverlay | undefined> = kustomizeBuilds(uri);
  if (builds.length === 0) builds.push(undefined);
  // The chart's stamp too: its name is the release namespace's.
  const buildsKey = `${JSON.stringify(builds)}${yaml.chart ? ` ${yaml.chart.stamp}` : ''}${keepTree ? ' tree' : ''}`;
  const resources: Resource[] = [];
  const lineStarts = yaml.lineCounter.lineStarts;
  // Zero-based, without linePos's objects: this runs for every document of the file on every keystroke.
  const lineOf = (offset: number) => firstAtLeast(lineStarts, offset + 1) - 1;
  yaml.documents.forEach((document, index) => {
    const startLine = lineOf(document.range[0]);
    // A named template's body is rendered only where it is included: no object of its own here.
    const contentStart = yaml.template ? (document.contents as Node | null)?.range?.[0] : undefined;
    const contentLine = contentStart === undefined ? undefined : lineOf(contentStart);
    if (contentLine !== undefined && yaml.template?.inDefinition[contentLine]) return;
    const repeated = contentLine !== undefined && yaml.template?.inRange[contentLine] === true;
    const key = repeated ? `${buildsKey} repeated` : buildsKey;
    const cached = byDocument.get(document);
    let built: Resource[];
    if (cached && cached.uri === uri && cached.index === index && cached.builds === key) {
      if (cached.startLine !== startLine) {
        built = cached.resources.map((r) => moved(r, startLine - cached.startLine));
        byDocument.set(document, { uri, index, startLine, builds: key, resources: built });
      } else built = cached.resources;
    } else {
      built = builds.flatMap((build) => resourceOf(uri, index, document, yaml, build, keepTree) ?? []).map((r) => (repeated ? { ...r, repeated } : r));
      byDocument.set(document, { uri, index, startLine, builds: key, resources: built });
    }
    for (const resource of built) resources.push(resource);
  });
  return resources;
}

/** The same resource `delta` lines further down (an edit above it added or removed lines). */
function moved(resource: Resource, delta: number): Resource {
  const shift = (range: Range): Range => ({
    start: { line: range.start.line + delta, character: range.start.character },
    end: { line: range.end.line + delta, character: range.end.character },
  });
  return {
    ...resource,
    ranges: resource.ranges.moved(delta),
    ...(resource.defaults ? { defaults: resource.defaults.map((d) => ({ range: shift(d.range), values: d.values })) } : {}),
    ...(resource.spire
      ? {
          spire: resource.spire.map((facts) => ({
            ...facts,
            ...(facts.trustDomain ? { trustDomain: { ...facts.trustDomain, range: shift(facts.trustDomain.range) } } : {}),
            ...(facts.socketPath ? { socketPath: { ...facts.socketPath, range: shift(facts.socketPath.range) } } : {}),
          })),
        }
      : {}),
    ...(resource.controllerConfigs
      ? {
          controllerConfigs: resource.controllerConfigs.map((facts) =>
            facts.trustDomain?.range ? { ...facts, trustDomain: { ...facts.trustDomain, range: shift(facts.trustDomain.range) } } : facts,
          ),
        }
      : {}),
  };
}

/**
 * A ClusterSPIFFEID's spiffeIDTemplate as written: its `{{ }}` are the controller's own actions,
 * which the parse masked as if they were Helm's. Unknown (undefined) in a chart, where they are Helm's.
 */
function writtenTemplate(document: Document.Parsed, yaml: ParsedYaml): string | undefined {
  const spec = isMap(document.contents) ? document.contents.get('spec', true) : undefined;
  const node = isMap(spec) ? spec.get('spiffeIDTemplate', true) : undefined;
  if (!isScalar(node) || !node.range) return undefined;
  if (!yaml.template) return typeof node.value === 'string' ? node.value : undefined;
  if (yaml.chart) return undefined;
  const written = parseDocument(yaml.template.source.slice(node.range[0], node.range[1])).contents;
  return isScalar(written) && typeof written.value === 'string' ? written.value : undefined;
}

/**
 * The SPIRE configs a ConfigMap's data holds, with the ranges of what the analysis reads placed in
 * the manifest (on the value itself when it is not a literal block). A value a template writes is
 * only known once rendered.
 */
function spireConfigsOf(document: Document.Parsed, yaml: ParsedYaml): SpireFacts[] {
  return placedSpireConfigs(document, yaml.text, yaml.lineCounter).flatMap((config) => {
    const at = config.value.range!;
    if (overlapsTemplate(yaml.templateSpans, at[0], at[1])) return [];
    const { layout, whole } = config;
    const place = (inner: Range): Range => (layout ? { start: layout.outer(inner.start), end: layout.outer(inner.end) } : whole);
    const facts = spireFacts(config.text, config.side);
    return [
      {
        side: facts.side,
        ...(facts.trustDomain ? { trustDomain: { value: facts.trustDomain.value, range: place(facts.trustDomain.range) } } : {}),
        ...(facts.socketPath ? { socketPath: { value: facts.socketPath.value, range: place(facts.socketPath.range) } } : {}),
      },
    ];
  });
}

/** The spire-controller-manager configs a ConfigMap's data holds, read as the controller decodes them. A value a template writes is only known once rendered. */
function controllerConfigsOf(document: Document.Parsed, yaml: ParsedYaml): ControllerConfigFacts[] {
  return placedControllerConfigs(document, yaml.text, yaml.lineCounter).flatMap((config) => {
    const at = config.value.range!;
    if (overlapsTemplate(yaml.templateSpans, at[0], at[1])) return [];
    const file = new LineCounter();
    const parsed = parseDocument(config.text, { lineCounter: file, prettyErrors: false });
    // A file the controller cannot decode stops it (spire-controller-config says so): nothing to compare.
    if (parsed.errors.length || !isMap(parsed.contents)) return [];
    let body: unknown;
    try {
      body = parsed.toJS({ maxAliasCount: 100 });
    } catch {
      return [];
    }
    const facts = controllerConfigFacts(body as Record<string, unknown>);
    const node = parsed.contents.get('trustDomain', true);
    if (!facts.trustDomain || !isScalar(node) || !node.range) return [facts];
    const { layout, whole } = config;
    const position = (offset: number) => {
      const { line, col } = file.linePos(offset);
      return layout ? layout.outer({ line: line - 1, character: col - 1 }) : undefined;
    };
    const start = position(node.range[0]);
    const end = position(node.range[1]);
    const range = start && end ? { start, end } : whole;
    return [{ ...facts, trustDomain: { ...facts.trustDomain, range } }];
  });
}

const stringMap = (value: unknown): Record<string, string> => labels(value) ?? {};

function resourceOf(
  uri: string,
  index: number,
  document: Document.Parsed,
  yaml: ParsedYaml,
  kustomization: KustomizeOverlay | undefined,
  keepTree: boolean,
): Resource | undefined {
  const lines = yaml.lineCounter;
  if (!isMap(document.contents)) return undefined;
  let json: Record<string, unknown> | null;
  const logLevel = document.options.logLevel;
  try {
    // A map key that is itself a map is stringified, which yaml would report on stderr each time.
    document.options.logLevel = 'error';
    // Template values read as unknown, names as their template text (see templateJson.ts).
    json = (yaml.template ? templateJson(document, yaml) : plainJson(document)) as Record<string, unknown> | null;
  } catch {
    // An alias to no anchor, a merge of a scalar: yaml-syntax says so; this document tells nothing.
    return undefined;
  } finally {
    document.options.logLevel = logLevel;
  }
  if (!json || typeof json.kind !== 'string' || typeof json.apiVersion !== 'string') return undefined;
  const apiVersion = json.apiVersion;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const metadata = (json.metadata && typeof json.metadata === 'object' ? json.metadata : {}) as Record<string, unknown>;
  const isWorkload = WORKLOAD_KINDS[json.kind] !== undefined && WORKLOAD_GROUPS.has(group);
  const resource: Resource = {
    uri,
    document: index,
    apiVersion,
    group,
    kind: json.kind,
    clusterScoped: CLUSTER_KINDS.has(json.kind),
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    // A workload's findings point into its selector and pod template, a Service's at its type and
    // traffic policy; ranges are read only when one is reported.
    ranges: ResourceRanges.of(yaml.text, lines, document, MESH_GROUPS.has(group) || isWorkload || (json.kind === 'Service' && group === ''), keepTree),
    keys: { kind: '', scope: '' },
  };
  if (typeof metadata.name === 'string') resource.name = metadata.name;
  if (typeof metadata.namespace === 'string') resource.namespace = metadata.namespace;
  // Helm installs what names no namespace in the release's.
  else if (yaml.chart && !resource.clusterScoped) resource.namespace = releaseNamespaceOf(yaml.chart);
  const range = (node: Node | null | undefined): Range | undefined => {
    if (!node?.range) return undefined;
    const start = lines.linePos(node.range[0]);
    const end = lines.linePos(node.range[1]);
    return { start: { line: start.line - 1, character: start.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } };
  };
  const [start, end] = document.range;
  const defaults = (yaml.defaults ?? [])
    .filter((d) => d.start >= start && d.end <= end)
    .flatMap((d) => {
      const at = range({ range: [d.start, d.end, d.end] } as Node);
      return at ? [{ range: at, values: d.values }] : [];
    });
  if (defaults.length) resource.defaults = defaults;
  if (MESH_GROUPS.has(group)) {
    // Every field of a mesh resource can be reported at (see resourceRanges.ts): its key (the squiggle sits on the field name) and its value.
    resource.body = json;
    if (json.kind === 'ClusterSPIFFEID' && group === 'spire.spiffe.io') {
      const template = writtenTemplate(document, yaml);
      if (template !== undefined) resource.spiffeIDTemplate = template;
    }
    if (json.kind === 'ControllerManagerConfig' && group === 'spire.spiffe.io') resource.controllerConfigs = [controllerConfigFacts(json)];
  } else if (isWorkload) {
    resource.workload = workloadFacts(json, WORKLOAD_KINDS[json.kind]);
    if (SELECTOR_KINDS.has(`${apiVersion}/${json.kind}`)) resource.workload.selector = selectorOf(json, WORKLOAD_KINDS[json.kind], document, yaml);
  } else if (json.kind === 'Service' && group === '') {
    const spec = (json.spec ?? {}) as Record<string, unknown>;
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    resource.service = {
      ...(spec.selector ? { selector: stringMap(spec.selector) } : {}),
      ...(typeof spec.type === 'string' ? { type: spec.type } : {}),
      ...(typeof spec.externalTrafficPolicy === 'string' ? { externalTrafficPolicy: spec.externalTrafficPolicy } : {}),
      ...(Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0 ? { externalIPs: true } : {}),
      ports: ports.flatMap((p) =>
        p && typeof p === 'object' && typeof (p as { port?: unknown }).port === 'number' ? [p as ServiceFacts['ports'][number]] : [],
      ),
    };
  } else if (json.kind === 'IstioOperator' && group === 'install.istio.io') {
    const meshConfig = ((json.spec ?? {}) as { meshConfig?: { trustDomain?: unknown } }).meshConfig;
    if (typeof meshConfig?.trustDomain === 'string') resource.meshTrustDomain = meshConfig.trustDomain;
  } else if (json.kind === 'ConfigMap' && group === '') {
    const spire = spireConfigsOf(document, yaml);
    if (spire.length) resource.spire = spire;
    const controllerConfigs = controllerConfigsOf(document, yaml);
    if (controllerConfigs.length) resource.controllerConfigs = controllerConfigs;
  } else if (json.kind === 'Secret' && group === '') {
    const data = (json.data ?? {}) as Record<string, unknown>;
    const keys = [...Object.keys(data), ...Object.keys((json.stringData as object) ?? {})];
    resource.secret = { keys, ...(typeof json.type === 'string' ? { type: json.type } : {}) };
    const notAfter = typeof data['tls.crt'] === 'string' ? firstCertificateNotAfter(Buffer.from(data['tls.crt'], 'base64').toString('utf8')) : undefined;
    if (notAfter) resource.secret.certificateNotAfter = notAfter;
  }
  if (kustomization) applyKustomization(resource, kustomization);
  resource.keys = resourceKeys(group, resource.kind, resource.clusterScoped ? '' : namespaceOf(resource), resource.name, resource.workload?.podLabels);
  return resource;
}

/**
 * What kustomize does to the resources a kustomization includes, as far as the rules read them:
 * its namespace replaces the written one, its prefix and suffix wrap the name, and its labels join
 * the resource's own (and, as commonLabels do, the pods' and the Service's selector).
 */
function applyKustomization(resource: Resource, kustomization: KustomizeOverlay): void {
  if (kustomization.namespace && !resource.clusterScoped) resource.namespace = kustomization.namespace;
  if (resource.name !== undefined && resource.kind !== 'Namespace' && resource.kind !== 'CustomResourceDefinition')
    resource.name = `${kustomization.namePrefix}${resource.name}${kustomization.nameSuffix}`;
  if (Object.keys(kustomization.labels).length === 0) return;
  Object.assign(resource.labels, kustomization.labels);
  if (resource.workload) Object.assign(resource.workload.podLabels, kustomization.labels);
  // commonLabels join a workload's own selector as they join its pods'.
  if (resource.workload?.selector) Object.assign(resource.workload.selector.matchLabels, kustomization.labels);
  if (resource.service?.selector) Object.assign(resource.service.selector, kustomization.labels);
}

function firstCertificateNotAfter(pem: string): string | undefined {
  const block = findPemBlocks(pem).find((b) => b.label === 'CERTIFICATE' && b.der);
  if (!block?.der) return undefined;
  const decoded = decodeDer(block.der, 'CERTIFICATE');
  return decoded.kind === 'certificate' ? decoded.notAfter : undefined;
}

/**
 * The cluster settings a container of Linkerd's policy controller is started with: its
 * `--default-policy`, `--default-opaque-ports` and `--cluster-networks` flags (linkerd2's policy-controller/runtime/src/args.rs;
 * the chart writes `--flag=VALUE`, clap reads `--flag VALUE` too).
 */
function policyControllerFlags(container: unknown): WorkloadFacts['linkerdController'] {
  if (!container || typeof container !== 'object') return undefined;
  const { command, args } = container as { command?: unknown; args?: unknown };
  const words = [...(Array.isArray(command) ? command : []), ...(Array.isArray(args) ? args : [])].filter((w): w is string => typeof w === 'string');
  if (!words.some((word) => /(^|\/)linkerd-policy-controller$/.test(word))) return undefined;
  const flag = (name: string) => {
    const at = words.findIndex((word) => word === name || word.startsWith(`${name}=`));
    if (at === -1) return undefined;
    return words[at] === name ? words[at + 1] : words[at].slice(name.length + 1);
  };
  const defaultPolicy = flag('--default-policy');
  const defaultOpaquePorts = flag('--default-opaque-ports');
  const clusterNetworks = flag('--cluster-networks');
  return {
    ...(defaultPolicy !== undefined ? { defaultPolicy } : {}),
    ...(defaultOpaquePorts !== undefined ? { defaultOpaquePorts } : {}),
    ...(clusterNetworks !== undefined ? { clusterNetworks } : {}),
  };
}

function workloadFacts(json: Record<string, unknown>, templatePath: string[]): WorkloadFacts {
  let template: unknown = json;
  for (const step of templatePath) template = template && typeof template === 'object' ? (template as Record<string, unknown>)[step] : undefined;
  const pod = (template ?? {}) as {
    metadata?: { labels?: unknown; annotations?: unknown };
    spec?: { serviceAccountName?: unknown; containers?: unknown; initContainers?: unknown };
  };
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const initContainers = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  const images = [...containers, ...initContainers].flatMap((c) => {
    const image = c && typeof c === 'object' ? (c as { image?: unknown }).image : undefined;
    return typeof image === 'string' ? [image] : [];
  });
  const ports = containers.flatMap((c) =>
    c && typeof c === 'object' && Array.isArray((c as { ports?: unknown }).ports) ? ((c as { ports: unknown[] }).ports as Array<Record<string, unknown>>) : [],
  );
  const volumes = Array.isArray((pod.spec as { volumes?: unknown } | undefined)?.volumes)
    ? ((pod.spec as { volumes: unknown[] }).volumes as Array<Record<string, unknown>>)
    : [];
  const configMaps = volumes.flatMap((v) => {
    const name = (v?.configMap as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? [name] : [];
  });
  const mountPaths = containers.flatMap((c) =>
    c && typeof c === 'object' && Array.isArray((c as { volumeMounts?: unknown }).volumeMounts)
      ? // A path a template writes reads as no string: kept as "{{", which the rules take as unknown.
        (c as { volumeMounts: Array<Record<string, unknown>> }).volumeMounts.map((m) => (typeof m?.mountPath === 'string' ? m.mountPath : '{{'))
      : [],
  );
  const linkerdController = containers.map(policyControllerFlags).find((flags) => flags !== undefined);
  return {
    ...(configMaps.length ? { volumes: { configMaps, mountPaths } } : {}),
    ...(images.length ? { images } : {}),
    ...(linkerdController ? { linkerdController } : {}),
    podLabels: stringMap(pod.metadata?.labels),
    podAnnotations: stringMap(pod.metadata?.annotations),
    serviceAccount: typeof pod.spec?.serviceAccountName === 'string' ? pod.spec.serviceAccountName : 'default',
    serviceAccountWritten: typeof pod.spec?.serviceAccountName === 'string',
    ports: ports.flatMap((p) =>
      typeof p?.containerPort === 'number'
        ? [
            {
              port: p.containerPort,
              ...(typeof p.name === 'string' ? { name: p.name } : {}),
              ...(typeof p.protocol === 'string' ? { protocol: p.protocol } : {}),
            },
          ]
        : [],
    ),
  };
}
