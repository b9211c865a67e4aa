import { isMap, isScalar, type Document, type Pair, type Scalar } from 'yaml';
import { atLeast } from '../../../../common/src/versions';
import type { KindInfo, SchemaRegistry } from '../../schema/registry';
import { pairKey, type CheckContext } from './context';
import { closestName } from '../../documents/similarNames';
import { embeddedControllerConfigs, embeddedSpireConfigs } from '../../spire/embedded';

/** Groups whose kinds we know; a manifest in another group is none of our business. */
const MESH_GROUPS = new Set(['security.istio.io', 'networking.istio.io', 'policy.linkerd.io', 'cert-manager.io', 'spire.spiffe.io']);
/** Groups we cover whole, so an unknown kind there is a mistake rather than a kind we do not check. */
const COMPLETE_GROUPS = new Set(['security.istio.io', 'policy.linkerd.io', 'cert-manager.io', 'spire.spiffe.io']);
/** cert-manager versions no longer served from 1.6 (served: false in its CRDs) and removed in 1.7; documentation still shows them. */
const RETIRED_VERSIONS: Record<string, string[]> = { 'cert-manager.io': ['v1alpha2', 'v1alpha3', 'v1beta1'] };
/**
 * Istio versions their CRDs serve only from a release on (manifests/charts/base CRDs at each
 * release tag): before it the API server has no such version of the kind.
 */
const ISTIO_SERVED_FROM: Record<string, string> = {
  'security.istio.io/v1/AuthorizationPolicy': '1.17',
  'security.istio.io/v1/RequestAuthentication': '1.17',
  'security.istio.io/v1/PeerAuthentication': '1.22',
  'networking.istio.io/v1/DestinationRule': '1.22',
};
/** The version every Istio release we model serves for the kinds above. */
const ISTIO_OLDER_VERSION = 'v1beta1';
/** The release that serves v1 for every Istio kind; before it v1beta1 is the one version served for all of them, and the stored one. */
const ISTIO_V1_CURRENT = '1.22';
const ISTIO_GROUPS = new Set(['security.istio.io', 'networking.istio.io']);

export interface Resource {
  info: KindInfo;
  apiVersionNode: Scalar;
  kindNode: Scalar;
}

/** What a document is to us: a resource to check, one we flagged and stop at, or not ours. */
export type Identification = { status: 'resource'; resource: Resource } | { status: 'flagged' } | { status: 'foreign' };

export function identify(document: Document.Parsed, registry: SchemaRegistry, ctx: CheckContext): Identification {
  const root = document.contents;
  if (!isMap(root)) return { status: 'foreign' };
  const apiVersionNode = scalarValue(root.items, 'apiVersion');
  const kindNode = scalarValue(root.items, 'kind');
  if (!apiVersionNode || !kindNode || typeof apiVersionNode.value !== 'string' || typeof kindNode.value !== 'string') return { status: 'foreign' };
  if (ctx.isTemplated(apiVersionNode) || ctx.isTemplated(kindNode)) return { status: 'foreign' };
  const apiVersion = apiVersionNode.value;
  const kind = kindNode.value;
  const info = registry.lookup(apiVersion, kind);
  if (info) {
    if (info.kind === 'Secret' && !isMeshSecret(root.items)) return { status: 'foreign' };
    if (info.kind === 'ConfigMap') {
      const data = root.items.find((p) => pairKey(p) === 'data')?.value;
      if (embeddedSpireConfigs(data).length === 0 && embeddedControllerConfigs(data).length === 0) return { status: 'foreign' };
    }
    // Only Istio kinds are in the table: the key is built for them alone.
    const since = ISTIO_GROUPS.has(info.group) ? ISTIO_SERVED_FROM[`${apiVersion}/${kind}`] : undefined;
    if (since && !atLeast(ctx.versions.istio, since)) {
      // The schemas of the two versions are alike, so the fields are still checked.
      const older = `${apiVersion.slice(0, apiVersion.indexOf('/'))}/${ISTIO_OLDER_VERSION}`;
      ctx.error(
        ctx.range(apiVersionNode),
        'unknown-api-version',
        `Istio ${ctx.versions.istio} does not serve ${kind} at ${apiVersion} (served from Istio ${since}); ${older} is current on that release.`,
        { title: `Change to ${older}`, replacement: older },
      );
    } else if (info.deprecated) {
      const current = `${info.group}/${currentVersion(info.group, kind, info.preferredVersion, ctx)}`;
      ctx.warning(ctx.range(apiVersionNode), 'deprecated-api-version', `${apiVersion} ${kind} is deprecated; use ${current}.`, {
        title: `Change to ${current}`,
        replacement: current,
      });
    }
    return { status: 'resource', resource: { info, apiVersionNode, kindNode } };
  }
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  if (!MESH_GROUPS.has(group)) return { status: 'foreign' };

  const sameGroup = registry.versionsOf(kind).filter((candidate) => candidate.group === group && servedBy(candidate.group, candidate.version, kind, ctx));
  if (sameGroup.length > 0) {
    const preferred = `${group}/${currentVersion(group, kind, sameGroup[0].preferredVersion, ctx)}`;
    const fix = { title: `Change to ${preferred}`, replacement: preferred };
    if (RETIRED_VERSIONS[group]?.includes(version)) {
      const state = atLeast(ctx.versions.certManager, '1.6')
        ? 'is no longer served (from cert-manager 1.6; removed in 1.7)'
        : 'is deprecated (cert-manager 1.6 stops serving it)';
      ctx.warning(ctx.range(apiVersionNode), 'deprecated-api-version', `${apiVersion} ${state}; use ${preferred}. Fields are not checked until then.`, fix);
    } else {
      const served = sameGroup.map((candidate) => candidate.version).join(', ');
      ctx.error(ctx.range(apiVersionNode), 'unknown-api-version', `${group} does not serve ${kind} at version ${version}. Served versions: ${served}.`, fix);
    }
    return { status: 'flagged' };
  }
  const elsewhere = registry.versionsOf(kind).find((candidate) => MESH_GROUPS.has(candidate.group));
  if (elsewhere) {
    const preferred = `${elsewhere.group}/${currentVersion(elsewhere.group, kind, elsewhere.preferredVersion, ctx)}`;
    ctx.error(ctx.range(apiVersionNode), 'unknown-api-version', `${kind} belongs to ${elsewhere.group}, not ${group}.`, {
      title: `Change to ${preferred}`,
      replacement: preferred,
    });
    return { status: 'flagged' };
  }
  if (COMPLETE_GROUPS.has(group)) {
    const suggestion = closestName(
      kind,
      registry.kindsInGroup(group).map((k) => k.kind),
    );
    ctx.error(
      ctx.range(kindNode),
      'unknown-kind',
      `${group} has no kind "${kind}".${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
      suggestion ? { title: `Change to ${suggestion}`, replacement: suggestion } : undefined,
    );
    return { status: 'flagged' };
  }
  return { status: 'foreign' };
}

/** Whether the targeted release serves a version of a kind (only Istio's depend on it). */
function servedBy(group: string, version: string, kind: string, ctx: CheckContext): boolean {
  const since = ISTIO_SERVED_FROM[`${group}/${version}/${kind}`];
  return !since || atLeast(ctx.versions.istio, since);
}

/** The version to move a kind to: the one stored today, or v1beta1 on an Istio release before v1 was its current API. */
function currentVersion(group: string, kind: string, stored: string, ctx: CheckContext): string {
  const olderIstio = ISTIO_GROUPS.has(group) && stored === 'v1' && !atLeast(ctx.versions.istio, ISTIO_V1_CURRENT);
  return olderIstio || !servedBy(group, stored, kind, ctx) ? ISTIO_OLDER_VERSION : stored;
}

function scalarValue(items: Pair[], key: string): Scalar | undefined {
  for (const pair of items) if (pairKey(pair) === key) return isScalar(pair.value) ? pair.value : undefined;
  return undefined;
}

/** Secrets we check: TLS secrets and Istio's plug-in CA secret. */
function isMeshSecret(items: Pair[]): boolean {
  const type = scalarValue(items, 'type')?.value;
  if (type === 'kubernetes.io/tls') return true;
  const metadata = items.find((p) => pairKey(p) === 'metadata')?.value;
  return isMap(metadata) && scalarValue(metadata.items, 'name')?.value === 'cacerts';
}

/** The kind a document declares, when it is one we know; no diagnostics, for hover, completion and symbols. */
export function lookupResource(document: Document.Parsed, registry: SchemaRegistry): KindInfo | undefined {
  const apiVersion = document.get('apiVersion');
  const kind = document.get('kind');
  return typeof apiVersion === 'string' && typeof kind === 'string' ? registry.lookup(apiVersion, kind) : undefined;
}
