import { isMap, isScalar, type Document, type Pair, type Scalar } from 'yaml';
import { atLeast } from '../../../../common/src/versions';
import type { KindInfo, SchemaRegistry } from '../../schema/registry';
import { pairKey, type CheckContext } from './context';
import { closestName } from './similarNames';

/** Groups whose kinds we know; a manifest in another group is none of our business. */
const MESH_GROUPS = new Set(['security.istio.io', 'networking.istio.io', 'policy.linkerd.io', 'cert-manager.io']);
/** Groups we cover whole, so an unknown kind there is a mistake rather than a kind we do not check. */
const COMPLETE_GROUPS = new Set(['security.istio.io', 'policy.linkerd.io', 'cert-manager.io']);
/** cert-manager versions no longer served from 1.6 (served: false in its CRDs) and removed in 1.7; documentation still shows them. */
const RETIRED_VERSIONS: Record<string, string[]> = { 'cert-manager.io': ['v1alpha2', 'v1alpha3', 'v1beta1'] };

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
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];

  const info = registry.lookup(apiVersion, kind);
  if (info) {
    if (info.kind === 'Secret' && !isMeshSecret(root.items)) return { status: 'foreign' };
    if (info.deprecated) {
      const current = `${info.group}/${info.preferredVersion}`;
      ctx.warning(ctx.range(apiVersionNode), 'deprecated-api-version', `${apiVersion} ${kind} is deprecated; use ${current}.`, { title: `Change to ${current}`, replacement: current });
    }
    return { status: 'resource', resource: { info, apiVersionNode, kindNode } };
  }
  if (!MESH_GROUPS.has(group)) return { status: 'foreign' };

  const sameGroup = registry.versionsOf(kind).filter((candidate) => candidate.group === group);
  if (sameGroup.length > 0) {
    const preferred = `${group}/${sameGroup[0].preferredVersion}`;
    const fix = { title: `Change to ${preferred}`, replacement: preferred };
    if (RETIRED_VERSIONS[group]?.includes(version)) {
      const state = atLeast(ctx.versions.certManager, '1.6') ? 'is no longer served (from cert-manager 1.6; removed in 1.7)' : 'is deprecated (cert-manager 1.6 stops serving it)';
      ctx.warning(ctx.range(apiVersionNode), 'deprecated-api-version', `${apiVersion} ${state}; use ${preferred}. Fields are not checked until then.`, fix);
    } else {
      const served = sameGroup.map((candidate) => candidate.version).join(', ');
      ctx.error(ctx.range(apiVersionNode), 'unknown-api-version', `${group} does not serve ${kind} at version ${version}. Served versions: ${served}.`, fix);
    }
    return { status: 'flagged' };
  }
  const elsewhere = registry.versionsOf(kind).find((candidate) => MESH_GROUPS.has(candidate.group));
  if (elsewhere) {
    const preferred = `${elsewhere.group}/${elsewhere.preferredVersion}`;
    ctx.error(ctx.range(apiVersionNode), 'unknown-api-version', `${kind} belongs to ${elsewhere.group}, not ${group}.`, { title: `Change to ${preferred}`, replacement: preferred });
    return { status: 'flagged' };
  }
  if (COMPLETE_GROUPS.has(group)) {
    const suggestion = closestName(kind, registry.kindsInGroup(group).map((k) => k.kind));
    ctx.error(ctx.range(kindNode), 'unknown-kind', `${group} has no kind "${kind}".${suggestion ? ` Did you mean ${suggestion}?` : ''}`, suggestion ? { title: `Change to ${suggestion}`, replacement: suggestion } : undefined);
    return { status: 'flagged' };
  }
  return { status: 'foreign' };
}

function scalarValue(items: Pair[], key: string): Scalar | undefined {
  const pair = items.find((p) => pairKey(p) === key);
  return pair && isScalar(pair.value) ? pair.value : undefined;
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
